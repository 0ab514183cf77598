using Eventfold.Analyzers.Rules;
using Eventfold.Analyzers.Tests.Verifiers;

namespace Eventfold.Analyzers.Tests.Rules;

/// <summary>EVF003 (Raise without Apply) and EVF009 (Raise inside Apply).</summary>
public sealed class RaiseAnalyzersTests
{
    /// <summary>Stands in for the part of the aggregate the generator writes.</summary>
    private const string GeneratedPart = """

        public sealed partial class Order
        {
            private void Raise(object @event) { }
        }
        """;

    private const string Events = """
        using System;
        using Eventfold;

        [Event] public sealed record OrderPlaced(decimal Total);
        [Event] public sealed record OrderShipped;
        [Event] public sealed record OrderCancelled;
        public sealed record NotAnEvent;

        """;

    [Fact]
    public async Task Raise_of_an_event_with_an_Apply_is_not_reported()
    {
        const string source = Events + """
            [Aggregate("order")]
            public sealed partial class Order
            {
                public void Place(decimal total) => Raise(new OrderPlaced(total));
                public void Ship() { object e = new OrderCancelled(); Raise(new OrderShipped()); Raise(e); Raise(new NotAnEvent()); }
                private void Apply(OrderPlaced e) { }
                private void Apply(OrderShipped e) { }
            }
            """ + GeneratedPart;

        await AnalyzerVerifier<RaiseWithoutApplyAnalyzer>.VerifyAsync(source);
    }

    [Fact]
    public async Task Raise_of_an_event_without_an_Apply_is_reported()
    {
        const string source = Events + """
            [Aggregate("order")]
            public sealed partial class Order
            {
                public void Place(decimal total) => Raise(new OrderPlaced(total));
                public void Cancel() => Raise({|#0:new OrderCancelled()|});
                public void Ship() { var shipped = new OrderShipped(); this.Raise({|#1:shipped|}); }
                private void Apply(OrderPlaced e) { }
                private void Apply(NotAnEvent e) { }
            }
            """ + GeneratedPart;

        await AnalyzerVerifier<RaiseWithoutApplyAnalyzer>.VerifyAsync(
            source,
            AnalyzerVerifier<RaiseWithoutApplyAnalyzer>.Diagnostic("EVF003").WithLocation(0).WithArguments("Order", "OrderCancelled"),
            AnalyzerVerifier<RaiseWithoutApplyAnalyzer>.Diagnostic("EVF003").WithLocation(1).WithArguments("Order", "OrderShipped"));
    }

    [Fact]
    public async Task Raise_on_a_class_that_is_not_an_aggregate_is_not_reported()
    {
        const string source = Events + """
            public sealed class Recorder
            {
                public void Record() => Raise(new OrderCancelled());
                private void Raise(object e) { }
            }
            """;

        await AnalyzerVerifier<RaiseWithoutApplyAnalyzer>.VerifyAsync(source);
    }

    [Fact]
    public async Task Raise_inside_Apply_is_reported_also_from_a_lambda()
    {
        const string source = Events + """
            [Aggregate("order")]
            public sealed partial class Order
            {
                public void Place(decimal total) => Raise(new OrderPlaced(total));
                private void Apply(OrderPlaced e)
                {
                    if (e.Total > 100) {|#0:Raise(new OrderShipped())|};
                }
                private void Apply(OrderShipped e)
                {
                    Action later = () => {|#1:this.Raise(new OrderCancelled())|};
                    later();
                }
                private void Apply(OrderCancelled e) { }
            }
            """ + GeneratedPart;

        await AnalyzerVerifier<RaiseInsideApplyAnalyzer>.VerifyAsync(
            source,
            AnalyzerVerifier<RaiseInsideApplyAnalyzer>.Diagnostic("EVF009").WithLocation(0).WithArguments("Order.Apply(OrderPlaced)"),
            AnalyzerVerifier<RaiseInsideApplyAnalyzer>.Diagnostic("EVF009").WithLocation(1).WithArguments("Order.Apply(OrderShipped)"));
    }

    [Fact]
    public async Task Raise_outside_Apply_or_Apply_outside_an_aggregate_is_not_reported()
    {
        const string source = Events + """
            [Aggregate("order")]
            public sealed partial class Order
            {
                public void Place(decimal total) => Raise(new OrderPlaced(total));
                private void Apply(OrderPlaced e) { }
            }

            public sealed class Listener
            {
                public void Apply(OrderPlaced e) => Raise(new OrderShipped());
                private void Raise(object e) { }
            }
            """ + GeneratedPart;

        await AnalyzerVerifier<RaiseInsideApplyAnalyzer>.VerifyAsync(source);
    }

    [Fact]
    public async Task An_Apply_inherited_from_a_base_class_counts()
    {
        const string source = Events + """
            public abstract class AggregateBase
            {
                protected void Apply(OrderCancelled e) { }
            }

            [Aggregate("order")]
            public sealed partial class Order : AggregateBase
            {
                public void Cancel() => Raise(new OrderCancelled());
                public void Ship() => Raise({|#0:new OrderShipped()|});
            }
            """ + GeneratedPart;

        await AnalyzerVerifier<RaiseWithoutApplyAnalyzer>.VerifyAsync(
            source,
            AnalyzerVerifier<RaiseWithoutApplyAnalyzer>.Diagnostic("EVF003").WithLocation(0).WithArguments("Order", "OrderShipped"));
    }

    [Fact]
    public async Task Raise_in_a_local_function_of_Apply_is_reported()
    {
        const string source = Events + """
            [Aggregate("order")]
            public sealed partial class Order
            {
                private void Apply(OrderPlaced e)
                {
                    Escalate();
                    void Escalate() => {|#0:Raise(new OrderCancelled())|};
                }
            }
            """ + GeneratedPart;

        await AnalyzerVerifier<RaiseInsideApplyAnalyzer>.VerifyAsync(
            source,
            AnalyzerVerifier<RaiseInsideApplyAnalyzer>.Diagnostic("EVF009").WithLocation(0).WithArguments("Order.Apply(OrderPlaced)"));
    }

    [Fact]
    public async Task A_derived_event_handled_by_the_Apply_of_its_base_or_interface_is_not_reported()
    {
        // The generated switch has 'case LineAdded e:' and 'case INote e:', which match these events.
        const string source = Events + """
            public interface INote { }
            [Event] public record LineAdded(decimal Price);
            [Event] public sealed record PromotionalLineAdded(decimal Price) : LineAdded(Price);
            [Event] public sealed record GiftNote : INote;

            [Aggregate("order")]
            public sealed partial class Order
            {
                public void Add() => Raise(new PromotionalLineAdded(1m));
                public void Note() => Raise(new GiftNote());
                private void Apply(LineAdded e) { }
                private void Apply(INote e) { }
            }
            """ + GeneratedPart;

        await AnalyzerVerifier<RaiseWithoutApplyAnalyzer>.VerifyAsync(source);
    }

    [Fact]
    public async Task An_Apply_the_generator_does_not_call_does_not_count()
    {
        // The Apply methods below are never called. Where one exists for exactly the raised type
        // EVF008 already says why (private to the base class; returns bool), so EVF003 stays quiet
        // and the mistake is reported once; OrderCancelled's Apply takes object and handles nothing.
        const string source = Events + """
            public abstract class AggregateBase
            {
                private void Apply(OrderShipped e) { }
            }

            [Aggregate("order")]
            public sealed partial class Order : AggregateBase
            {
                public void Ship() => Raise(new OrderShipped());
                public void Place() => Raise(new OrderPlaced(1m));
                public void Cancel() => Raise({|#0:new OrderCancelled()|});
                private bool Apply(OrderPlaced e) => true;
                private void Apply(object e) { }
            }
            """ + GeneratedPart;

        await AnalyzerVerifier<RaiseWithoutApplyAnalyzer>.VerifyAsync(
            source,
            AnalyzerVerifier<RaiseWithoutApplyAnalyzer>.Diagnostic("EVF003").WithLocation(0).WithArguments("Order", "OrderCancelled"));
    }

    [Fact]
    public async Task Raise_of_a_type_that_is_certainly_not_an_event_is_reported()
    {
        const string source = Events + """
            public class NotAnEventBase { }
            public interface ISomething { }

            [Aggregate("order")]
            public sealed partial class Order
            {
                public void Place(decimal total) => Raise(new OrderPlaced(total));
                public void Wrong() => Raise({|#0:new NotAnEvent()|});
                public void Text() => Raise({|#1:"placed"|});
                public void Number() => Raise({|#2:42|});
                // Could hold an [Event] at run time: not reported.
                public void Maybe(object e, NotAnEventBase b, ISomething s) { Raise(e); Raise(b); Raise(s); }
                private void Apply(OrderPlaced e) { }
            }
            """ + GeneratedPart;

        await AnalyzerVerifier<RaiseOfNonEventAnalyzer>.VerifyAsync(
            source,
            AnalyzerVerifier<RaiseOfNonEventAnalyzer>.Diagnostic("EVF017").WithLocation(0).WithArguments("Order", "NotAnEvent"),
            AnalyzerVerifier<RaiseOfNonEventAnalyzer>.Diagnostic("EVF017").WithLocation(1).WithArguments("Order", "string"),
            AnalyzerVerifier<RaiseOfNonEventAnalyzer>.Diagnostic("EVF017").WithLocation(2).WithArguments("Order", "int"));
    }
}

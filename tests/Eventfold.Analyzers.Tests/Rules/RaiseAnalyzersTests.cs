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
}

using Verify = Eventfold.Analyzers.Tests.Verifiers.AnalyzerVerifier<Eventfold.Analyzers.Rules.HandlerShapeAnalyzer>;

namespace Eventfold.Analyzers.Tests.Rules;

public sealed class HandlerShapeTests
{
    private const string UpcasterShape = "expected a public or internal static method that takes the older version and returns the next one, 'static TNext M(TOld e)'";

    private const string Usings = """
        using System;
        using System.Text.Json.Nodes;
        using System.Threading;
        using System.Threading.Tasks;
        using Eventfold;

        [Event] public sealed record OrderPlaced(decimal Total);
        [Event] public struct Ping { }
        public interface IMessage { }

        """;

    [Fact]
    public async Task Valid_Apply_methods_are_not_reported()
    {
        const string source = Usings + """
            public readonly record struct Pong;

            [Aggregate("order")]
            public sealed partial class Order
            {
                private void Apply(OrderPlaced e) { }
                public void Apply(Ping e) { }
                // An interface or base type of events: the generated switch matches it as a type pattern.
                private void Apply(IMessage e) { }
                // 'in' is accepted: the generated call passes the event by value.
                private void Apply(in Pong e) { }
                // Other names are not handlers.
                private static int Total(object e) => 0;
            }

            // Apply outside an aggregate is not the generator's business.
            public sealed class Calculator { public static int Apply(int x, int y) => x + y; }
            """;

        await Verify.VerifyAsync(source);
    }

    [Fact]
    public async Task Each_wrong_Apply_shape_gets_its_own_message()
    {
        const string source = Usings + """
            public sealed record Shipped;
            public sealed record Cancelled;

            [Aggregate("order")]
            public sealed partial class Order
            {
                private static void {|#0:Apply|}(OrderPlaced e) { }
                private bool {|#1:Apply|}(Ping e) => true;
                private void {|#2:Apply|}(object e) { }
                private void {|#3:Apply|}(ref Ping e) { }
                private void {|#4:Apply|}<T>(T e) { }
                private void {|#5:Apply|}(OrderPlaced e, long version) { }
                private void {|#6:Apply|}() { }
                private async void {|#7:Apply|}(Shipped e) => await Task.Yield();
                private void {|#8:Apply|}(int? e) { }
                private void {|#9:Apply|}(out Cancelled e) => e = new Cancelled();
            }
            """;

        const string Shape = "'void Apply(TEvent e)'";
        string[] reasons =
        [
            $"it is static; an Apply method changes the aggregate's state, so it is an instance method, {Shape}",
            $"it returns 'bool'; an Apply method returns void, {Shape}",
            "it takes 'object', which would catch every event; take one event type, or a base class or interface of the events it handles",
            $"its parameter is 'ref'; take the event by value or 'in', {Shape}",
            $"it is generic; declare one {Shape} per event type",
            $"it takes 2 parameters; an Apply method takes only the event, {Shape}",
            $"it takes no parameter; an Apply method takes the event, {Shape}",
            $"it is async; an Apply method must have changed the state when Raise returns, {Shape}",
            "its parameter type 'int?' cannot be matched against a raised event (a nullable value type, type parameter, pointer or ref struct); take an event class, struct, record or interface",
            $"its parameter is 'out'; take the event by value or 'in', {Shape}",
        ];
        var expected = reasons
            .Select((reason, i) => Verify.Diagnostic("EVF008").WithLocation(i).WithArguments("Apply", "an aggregate Apply method", reason))
            .ToArray();
        await Verify.VerifyAsync(source, expected);
    }

    [Fact]
    public async Task A_base_class_Apply_the_aggregate_cannot_reach_is_reported_on_the_aggregate()
    {
        const string source = Usings + """
            public record LineAdded(decimal Price);
            public sealed record PromotionalLineAdded(decimal Price) : LineAdded(Price);

            public abstract class AggregateBase
            {
                protected void Apply(OrderPlaced e) { }          // called by the generated dispatch
                private void Apply(Ping e) { }                   // private: unreachable
                protected void Apply(PromotionalLineAdded e) { } // C# picks Cart.Apply(LineAdded) instead
            }

            [Aggregate("cart")]
            public sealed partial class {|#0:Cart|} : AggregateBase
            {
                private void Apply(LineAdded e) { }
            }
            """;

        await Verify.VerifyAsync(
            source,
            Verify.Diagnostic("EVF008").WithLocation(0).WithArguments(
                "AggregateBase.Apply",
                "an aggregate Apply method",
                "it is private to the base class 'AggregateBase', so 'Cart' cannot call it; make it protected"),
            Verify.Diagnostic("EVF008").WithLocation(0).WithArguments(
                "AggregateBase.Apply",
                "an aggregate Apply method",
                "C# resolves 'Apply(PromotionalLineAdded)' in 'Cart' to 'Cart.Apply(LineAdded)', declared in a more derived class, so this method would never run; move it into 'Cart'"));
    }

    [Fact]
    public async Task Every_documented_On_shape_is_accepted()
    {
        const string source = Usings + """
            [Event] public sealed record Shipped;
            [Event] public sealed record Cancelled;
            [Event] public sealed record Returned;
            [Event] public readonly record struct Rated(int Stars);

            [Projection("totals")]
            public sealed partial class Totals
            {
                private void On(OrderPlaced e) { }
                private Task On(Shipped e, EventContext context) => Task.CompletedTask;
                private ValueTask On(Cancelled e, CancellationToken ct) => default;
                private Task On(Returned e, EventContext context, CancellationToken ct) => Task.CompletedTask;
                private async Task On(Ping e, CancellationToken ct) => await Task.Yield();
                public void On(Rated e, EventContext context) { }
            }
            """;

        await Verify.VerifyAsync(source);
    }

    [Fact]
    public async Task Each_wrong_On_shape_gets_its_own_message()
    {
        const string source = Usings + """
            public sealed record NotAnEvent;
            [Event] public sealed record A;
            [Event] public sealed record B;
            [Event] public sealed record C;
            [Event] public sealed record D;
            [Event] public sealed record F;
            [Event] public sealed record G;
            [Event] public sealed record H;

            [Projection("totals")]
            public sealed partial class Totals
            {
                private void On(OrderPlaced e) { }
                private void {|#0:On|}(OrderPlaced e, EventContext context) { }
                private int {|#1:On|}(A e) => 0;
                private void {|#2:On|}(B e, CancellationToken ct, EventContext context) { }
                private void {|#3:On|}(C e, string name) { }
                private void {|#4:On|}(IMessage e) { }
                private Task<int> {|#5:On|}(D e) => Task.FromResult(0);
                private void {|#6:On|}() { }
                private void {|#7:On|}(F e, EventContext context, CancellationToken ct, int extra) { }
                private static void {|#8:On|}(G e) { }
                private async void {|#9:On|}(H e) => await Task.Yield();
                private void {|#10:On|}(ref OrderPlaced e) { }
                private void {|#11:On|}(object e) { }
                private void {|#12:On|}(NotAnEvent e) { }
                private void {|#13:On|}<T>(T e) { }
            }
            """;

        const string Shape = "On(TEvent), On(TEvent, EventContext), On(TEvent, CancellationToken) or On(TEvent, EventContext, CancellationToken), returning void, Task or ValueTask";
        string[] reasons =
        [
            "another On method already handles 'OrderPlaced'; declare one On per event type",
            "it returns 'int'; an On method returns void, Task or ValueTask, " + Shape,
            "its parameter 'ct' is 'CancellationToken'; after the event an On method takes an EventContext, a CancellationToken, or both in that order, " + Shape,
            "its parameter 'name' is 'string'; after the event an On method takes an EventContext, a CancellationToken, or both in that order, " + Shape,
            "it takes 'IMessage', which is not a concrete event type; the runner reads the log by stored event name, so take one [Event] class, record or struct",
            "it returns 'Task<int>'; an On method returns void, Task or ValueTask, " + Shape,
            "it takes no parameter; an On method takes the event first, " + Shape,
            "it takes 4 parameters; an On method takes at most the event, an EventContext and a CancellationToken, " + Shape,
            "it is static; an On method updates the projection's read model, so it is an instance method, " + Shape,
            "it is 'async void'; the runner could not wait for it or see its errors, so return Task",
            "its parameter 'e' is passed by reference; take every parameter by value, " + Shape,
            "it takes 'object', which would catch every event; the runner reads only the events a projection handles, so take one [Event] type",
            "'NotAnEvent' has no [Event] attribute, so no stored event is ever read as it; add [Event] to 'NotAnEvent'",
            "it is generic; declare one On per event type, " + Shape,
        ];
        var expected = reasons
            .Select((reason, i) => Verify.Diagnostic("EVF008").WithLocation(i).WithArguments("On", "a projection On method", reason))
            .ToArray();
        await Verify.VerifyAsync(source, expected);
    }

    [Fact]
    public async Task Saga_steps_take_the_data_of_the_first_step_and_a_cancellation_token()
    {
        const string source = Usings + """
            public sealed record Checkout(string OrderId);

            [Saga("checkout")]
            public sealed partial class CheckoutSaga
            {
                [Step(2)] private Task<Checkout> Charge(Checkout c, CancellationToken ct) => Task.FromResult(c);
                [Step(1)] private Task Reserve(Checkout c, CancellationToken ct) => Task.CompletedTask;
                [Step(3)] private Task {|#0:Ship|}(string orderId, CancellationToken ct) => Task.CompletedTask;
                [Step(4)] private void {|#1:Notify|}(Checkout c, CancellationToken ct) { }
                [Step(5)] private Task<string> {|#2:Label|}(Checkout c, CancellationToken ct) => Task.FromResult("");
                [Step(6)] private ValueTask {|#3:Archive|}(Checkout c, CancellationToken ct) => default;
                [Step(7)] private Task {|#4:Audit|}(Checkout c, CancellationToken ct, int extra) => Task.CompletedTask;

                // Without a CancellationToken: EVF062 (SagaAnalyzer), not a shape this rule reports.
                [Step(8)] private Task Close(Checkout c) => Task.CompletedTask;

                // Not a step: any shape.
                private void Helper(int x) { }
            }
            """;

        await Verify.VerifyAsync(
            source,
            Step(0, "Ship"),
            Step(1, "Notify"),
            Step(2, "Label"),
            Step(3, "Archive"),
            Step(4, "Audit"));

        static Microsoft.CodeAnalysis.Testing.DiagnosticResult Step(int location, string name) =>
            Verify.Diagnostic("EVF008").WithLocation(location).WithArguments(
                name,
                "a saga step",
                $"expected 'Task {name}(Checkout data, CancellationToken ct)' or 'Task<Checkout> {name}(Checkout data, CancellationToken ct)', with the data type of the saga's first step");
    }

    [Fact]
    public async Task A_first_step_without_a_data_type_is_reported()
    {
        const string source = Usings + """
            [Saga("broken")]
            public sealed partial class BrokenSaga
            {
                [Step(1)] private Task {|#0:Start|}(CancellationToken ct) => Task.CompletedTask;
            }
            """;

        await Verify.VerifyAsync(
            source,
            Verify.Diagnostic("EVF008").WithLocation(0).WithArguments(
                "Start",
                "a saga step",
                "expected 'Task Start(TData data, CancellationToken ct)' or 'Task<TData> Start(TData data, CancellationToken ct)', with the data type of the saga's first step"));
    }

    [Fact]
    public async Task Upcaster_shapes_are_checked()
    {
        const string source = Usings + """
            public sealed record OrderPlacedV1(decimal Total);

            public sealed class OrderUpcasts
            {
                [Upcaster] public static OrderPlaced ToV2(OrderPlacedV1 e) => new(e.Total);
                [Upcaster("Shipped", FromVersion = 1)] internal static JsonObject ShippedV1(JsonObject old) => old;

                [Upcaster] public OrderPlaced {|#0:NotStatic|}(OrderPlacedV1 e) => new(e.Total);
                [Upcaster] private static OrderPlaced {|#1:Private|}(OrderPlacedV1 e) => new(e.Total);
                [Upcaster] public static void {|#2:ReturnsNothing|}(OrderPlacedV1 e) { }
                [Upcaster] public static OrderPlaced {|#3:TwoParameters|}(OrderPlacedV1 e, int x) => new(e.Total);
                [Upcaster] public static T {|#4:Generic|}<T>(T e) => e;
            }
            """;

        var expected = new[] { "NotStatic", "Private", "ReturnsNothing", "TwoParameters", "Generic" }
            .Select((name, i) => Verify.Diagnostic("EVF008").WithLocation(i).WithArguments(name, "an upcaster", UpcasterShape))
            .ToArray();
        await Verify.VerifyAsync(source, expected);
    }
}

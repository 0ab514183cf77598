using Verify = Eventfold.Analyzers.Tests.Verifiers.AnalyzerVerifier<Eventfold.Analyzers.Rules.HandlerShapeAnalyzer>;

namespace Eventfold.Analyzers.Tests.Rules;

public sealed class HandlerShapeTests
{
    private const string OnShape = "expected On(TEvent), On(TEvent, EventContext), On(TEvent, CancellationToken) or On(TEvent, EventContext, CancellationToken), returning void, Task or ValueTask, where TEvent is a class or struct";
    private const string HandleShape = "expected Handle(TMessage, CancellationToken) returning Task or ValueTask, or Handle(TMessage) returning void, Task or ValueTask, where TMessage is a class or struct";
    private const string UpcasterShape = "expected a public or internal static method that takes the older version and returns the next one, 'static TNext M(TOld e)'";

    private const string Usings = """
        using System;
        using System.Text.Json.Nodes;
        using System.Threading;
        using System.Threading.Tasks;
        using Eventfold;

        // Declared by the runtime later; the analyzer matches it by name.
        namespace Eventfold { public sealed class EventContext { } }

        public sealed record OrderPlaced(decimal Total);
        public struct Ping { }
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
            [Projection("totals")]
            public sealed partial class Totals
            {
                private void On(OrderPlaced e) { }
                private Task On(OrderPlaced e, EventContext context) => Task.CompletedTask;
                private ValueTask On(OrderPlaced e, CancellationToken ct) => default;
                private Task On(OrderPlaced e, EventContext context, CancellationToken ct) => Task.CompletedTask;
                private async Task On(Ping e, CancellationToken ct) => await Task.Yield();
            }
            """;

        await Verify.VerifyAsync(source);
    }

    [Fact]
    public async Task On_methods_of_the_wrong_shape_are_reported()
    {
        const string source = Usings + """
            [Projection("totals")]
            public sealed partial class Totals
            {
                private int {|#0:On|}(OrderPlaced e) => 0;
                private void {|#1:On|}(OrderPlaced e, CancellationToken ct, EventContext context) { }
                private void {|#2:On|}(OrderPlaced e, string name) { }
                private void {|#3:On|}(IMessage e) { }
                private Task<int> {|#4:On|}(Ping e) => Task.FromResult(0);
                private void {|#5:On|}() { }
                private void {|#6:On|}(OrderPlaced e, EventContext context, CancellationToken ct, int extra) { }
            }
            """;

        var expected = Enumerable.Range(0, 7)
            .Select(i => Verify.Diagnostic("EVF008").WithLocation(i).WithArguments("On", "a projection On method", OnShape))
            .ToArray();
        await Verify.VerifyAsync(source, expected);
    }

    [Fact]
    public async Task Saga_steps_take_the_state_of_the_first_step_and_a_cancellation_token()
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
                [Step(6)] private Task {|#3:Close|}(Checkout c) => Task.CompletedTask;
                [Step(7)] private ValueTask {|#4:Archive|}(Checkout c, CancellationToken ct) => default;

                // Not a step: any shape.
                private void Helper(int x) { }
            }
            """;

        await Verify.VerifyAsync(
            source,
            Step(0, "Ship"),
            Step(1, "Notify"),
            Step(2, "Label"),
            Step(3, "Close"),
            Step(4, "Archive"));

        static Microsoft.CodeAnalysis.Testing.DiagnosticResult Step(int location, string name) =>
            Verify.Diagnostic("EVF008").WithLocation(location).WithArguments(
                name,
                "a saga step",
                $"expected 'Task {name}(Checkout state, CancellationToken ct)' or 'Task<Checkout> {name}(Checkout state, CancellationToken ct)', with the state type of the saga's first step");
    }

    [Fact]
    public async Task A_first_step_without_a_state_type_is_reported()
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
                "expected 'Task Start(TState state, CancellationToken ct)' or 'Task<TState> Start(TState state, CancellationToken ct)', with the state type of the saga's first step"));
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

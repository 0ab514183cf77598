using Verify = Eventfold.Analyzers.Tests.Verifiers.AnalyzerVerifier<Eventfold.Analyzers.Rules.SagaAnalyzer>;

namespace Eventfold.Analyzers.Tests.Rules;

/// <summary>EVF002, EVF007 and EVF060 to EVF065: saga mistakes, read through the rules the saga generator uses.</summary>
public sealed class SagaAnalyzerTests
{
    private const string Usings = """
        using System;
        using System.Threading;
        using System.Threading.Tasks;
        using Eventfold;

        public sealed record Checkout(string OrderId, decimal Amount, string? PaymentId = null);
        public interface IPayments { Task<string> ChargeAsync(decimal amount, CancellationToken ct); Task RefundAsync(string id, CancellationToken ct); }

        """;

    [Fact]
    public async Task The_saga_of_the_API_page_is_not_reported()
    {
        const string source = Usings + """
            [Saga("checkout")]
            public sealed partial class CheckoutSaga(IPayments payments)
            {
                [Step(1, Compensate = nameof(ReleaseStock))]
                private Task ReserveStock(Checkout c, CancellationToken ct) => Task.CompletedTask;
                private Task ReleaseStock(Checkout c, CancellationToken ct) => Task.CompletedTask;

                [Step(2, Compensate = nameof(Refund), Retries = 3, TimeoutSeconds = 30)]
                private async Task<Checkout> Charge(Checkout c, CancellationToken ct) => c with { PaymentId = await payments.ChargeAsync(c.Amount, ct) };
                private Task Refund(Checkout c, CancellationToken ct) => payments.RefundAsync(c.PaymentId!, ct);

                [Step(3), NoCompensation("an e-mail cannot be unsent")]
                private Task Notify(Checkout c, CancellationToken ct) => Task.CompletedTask;

                [Step(4)]
                private Task Ship(Checkout c, CancellationToken ct) => Task.CompletedTask;
            }
            """;

        await Verify.VerifyAsync(source);
    }

    [Fact]
    public async Task A_step_before_the_last_without_compensation_is_EVF002()
    {
        const string source = Usings + """
            [Saga("checkout")]
            public sealed partial class CheckoutSaga
            {
                [Step(2)] private Task {|#0:Charge|}(Checkout c, CancellationToken ct) => Task.CompletedTask;
                [Step(1)] private Task {|#1:Reserve|}(Checkout c, CancellationToken ct) => Task.CompletedTask;
                [Step(3)] private Task Ship(Checkout c, CancellationToken ct) => Task.CompletedTask;
            }
            """;

        await Verify.VerifyAsync(
            source,
            Verify.Diagnostic("EVF002").WithLocation(1).WithArguments(
                "Saga step 'Reserve' of 'CheckoutSaga' is not the last step and has no compensation: if a later step fails, its effect stays; set 'Compensate = nameof(...)' or add [NoCompensation(\"reason\")]"),
            Verify.Diagnostic("EVF002").WithLocation(0).WithArguments(
                "Saga step 'Charge' of 'CheckoutSaga' is not the last step and has no compensation: if a later step fails, its effect stays; set 'Compensate = nameof(...)' or add [NoCompensation(\"reason\")]"));
    }

    [Fact]
    public async Task A_compensation_that_is_missing_is_a_step_or_has_another_shape_is_EVF007()
    {
        const string source = Usings + """
            [Saga("checkout")]
            public sealed partial class CheckoutSaga
            {
                [Step(1, Compensate = "Release")] private Task {|#0:Reserve|}(Checkout c, CancellationToken ct) => Task.CompletedTask;
                [Step(2, Compensate = nameof(Reserve))] private Task {|#1:Charge|}(Checkout c, CancellationToken ct) => Task.CompletedTask;
                [Step(3, Compensate = nameof(Unpack))] private Task {|#2:Pack|}(Checkout c, CancellationToken ct) => Task.CompletedTask;
                private void Unpack(Checkout c, CancellationToken ct) { }
                [Step(4, Compensate = nameof(Unlabel))] private Task {|#3:Label|}(Checkout c, CancellationToken ct) => Task.CompletedTask;
                private Task Unlabel(string orderId, CancellationToken ct) => Task.CompletedTask;
                [Step(5)] private Task Ship(Checkout c, CancellationToken ct) => Task.CompletedTask;
            }
            """;

        await Verify.VerifyAsync(
            source,
            Verify.Diagnostic("EVF007").WithLocation(0).WithArguments(
                "Saga step 'Reserve' of 'CheckoutSaga' names the compensation 'Release', which 'CheckoutSaga' does not declare; add 'Task Release(Checkout data, CancellationToken ct)'"),
            Verify.Diagnostic("EVF007").WithLocation(1).WithArguments(
                "Saga step 'Charge' of 'CheckoutSaga' names the step 'Reserve' as its compensation; a compensation is a method of its own, 'Task Reserve(Checkout data, CancellationToken ct)'"),
            Verify.Diagnostic("EVF007").WithLocation(2).WithArguments(
                "Saga step 'Pack' of 'CheckoutSaga' names 'Unpack' as its compensation, which has another shape; expected 'Task Unpack(Checkout data, CancellationToken ct)'"),
            Verify.Diagnostic("EVF007").WithLocation(3).WithArguments(
                "Saga step 'Label' of 'CheckoutSaga' names 'Unlabel' as its compensation, which has another shape; expected 'Task Unlabel(Checkout data, CancellationToken ct)'"));
    }

    [Fact]
    public async Task Two_steps_with_one_order_are_EVF060()
    {
        const string source = Usings + """
            [Saga("checkout")]
            public sealed partial class CheckoutSaga
            {
                [Step(1), NoCompensation("reads only")] private Task Reserve(Checkout c, CancellationToken ct) => Task.CompletedTask;
                [Step(1), NoCompensation("reads only")] private Task {|#0:Charge|}(Checkout c, CancellationToken ct) => Task.CompletedTask;
                [Step(2)] private Task Ship(Checkout c, CancellationToken ct) => Task.CompletedTask;
            }
            """;

        await Verify.VerifyAsync(
            source,
            Verify.Diagnostic("EVF060").WithLocation(0).WithArguments(
                "Saga 'CheckoutSaga': steps 'Reserve' and 'Charge' both have order 1; the order decides which runs first and which is compensated first, so give each step its own"));
    }

    [Fact]
    public async Task A_compensation_on_the_last_step_is_EVF061()
    {
        const string source = Usings + """
            [Saga("checkout")]
            public sealed partial class CheckoutSaga
            {
                [Step(1, Compensate = nameof(Release))] private Task Reserve(Checkout c, CancellationToken ct) => Task.CompletedTask;
                private Task Release(Checkout c, CancellationToken ct) => Task.CompletedTask;
                [Step(2, Compensate = nameof(Recall))] private Task {|#0:Ship|}(Checkout c, CancellationToken ct) => Task.CompletedTask;
                private Task Recall(Checkout c, CancellationToken ct) => Task.CompletedTask;
            }
            """;

        await Verify.VerifyAsync(
            source,
            Verify.Diagnostic("EVF061").WithLocation(0).WithArguments(
                "Saga 'CheckoutSaga': 'Ship' is the last step, so its compensation 'Recall' can never run (a failed step is not compensated, and no step follows it to fail); remove Compensate"));
    }

    [Fact]
    public async Task A_step_or_compensation_without_a_cancellation_token_is_EVF062()
    {
        const string source = Usings + """
            [Saga("checkout")]
            public sealed partial class CheckoutSaga
            {
                [Step(1, Compensate = nameof(Release))] private Task Reserve(Checkout c, CancellationToken ct) => Task.CompletedTask;
                private Task {|#0:Release|}(Checkout c) => Task.CompletedTask;
                [Step(2)] private Task<Checkout> {|#1:Ship|}(Checkout c) => Task.FromResult(c);
            }
            """;

        await Verify.VerifyAsync(
            source,
            Verify.Diagnostic("EVF062").WithLocation(0).WithArguments(
                "Compensation 'Release' of saga 'CheckoutSaga' takes no CancellationToken, so a timeout or a stopping host cannot cancel it; add 'CancellationToken ct' after the data and pass it on"),
            Verify.Diagnostic("EVF062").WithLocation(1).WithArguments(
                "Saga step 'Ship' of 'CheckoutSaga' takes no CancellationToken, so a timeout or a stopping host cannot cancel it; add 'CancellationToken ct' after the data and pass it on"));
    }

    [Theory]
    [InlineData("public sealed class Data { public string Id { get; init; } = \"\"; }", "it is not a record")]
    [InlineData("public sealed record Data(string Id) { public int Tries { get; set; } }", "its property 'Tries' has a setter")]
    [InlineData("public sealed record Data(string Id) { public int Tries; }", "its field 'Tries' is not readonly")]
    public async Task Data_that_is_not_an_immutable_record_is_EVF063(string data, string why)
    {
        string source = Usings + data + """

            [Saga("checkout")]
            public sealed partial class CheckoutSaga
            {
                [Step(1)] private Task Ship(Data {|#0:d|}, CancellationToken ct) => Task.CompletedTask;
            }
            """;

        await Verify.VerifyAsync(
            source,
            Verify.Diagnostic("EVF063").WithLocation(0).WithArguments(
                $"Saga 'CheckoutSaga' passes 'Data' from step to step, which is not an immutable record: {why}; the data is logged after each step and a step returns the next data ('data with {{ ... }}'), so declare it as a record with init-only members"));
    }

    [Fact]
    public async Task A_saga_that_cannot_be_generated_is_EVF064()
    {
        const string source = Usings + """
            [Saga("a")] public static partial class {|#0:Static|} { [Step(1)] private static Task S(Checkout c, CancellationToken ct) => Task.CompletedTask; }
            [Saga("b")] public abstract partial class {|#1:Abstract|} { [Step(1)] private Task S(Checkout c, CancellationToken ct) => Task.CompletedTask; }
            [Saga("c")] public sealed partial class {|#2:Generic|}<T> { [Step(1)] private Task S(Checkout c, CancellationToken ct) => Task.CompletedTask; }
            [Saga("")] public sealed partial class {|#3:Unnamed|} { [Step(1)] private Task S(Checkout c, CancellationToken ct) => Task.CompletedTask; }
            [Saga("e")] public sealed partial class {|#4:Empty|} { }
            [Saga("f")] public sealed partial class Negative { [Step(1, Retries = -1)] private Task {|#5:S|}(Checkout c, CancellationToken ct) => Task.CompletedTask; }
            """;

        await Verify.VerifyAsync(
            source,
            Verify.Diagnostic("EVF064").WithLocation(0).WithArguments("Saga 'Static' is static; a coordinator makes an instance of it per saga, so remove 'static'"),
            Verify.Diagnostic("EVF064").WithLocation(1).WithArguments("Saga 'Abstract' is abstract; a coordinator makes an instance of it per saga, so remove 'abstract'"),
            Verify.Diagnostic("EVF064").WithLocation(2).WithArguments("Saga 'Generic' is generic; its log's name needs one concrete saga, so remove its type parameters"),
            Verify.Diagnostic("EVF064").WithLocation(3).WithArguments("[Saga] on 'Unnamed' has a name that cannot name its log 'saga-{name}-{id}': it is empty; e.g. [Saga(\"checkout\")]"),
            Verify.Diagnostic("EVF064").WithLocation(4).WithArguments("Saga 'Empty' has no [Step] method; add '[Step(1)] private Task First(TData data, CancellationToken ct)'"),
            Verify.Diagnostic("EVF064").WithLocation(5).WithArguments("Saga 'Negative': step 'S' has Retries = -1 and TimeoutSeconds = 0; both are 0 or more (0: no retry, no timeout)"));
    }

    [Fact]
    public async Task An_event_started_saga_needs_a_static_Start_for_its_event()
    {
        const string source = Usings + """
            [Event] public sealed record OrderPlaced(string OrderId, decimal Total);

            [Saga("started", StartedBy = typeof(OrderPlaced))]
            public sealed partial class Started
            {
                public static Checkout Start(OrderPlaced e) => new(e.OrderId, e.Total);
                [Step(1)] private Task Ship(Checkout c, CancellationToken ct) => Task.CompletedTask;
            }

            [Saga("unstarted", StartedBy = typeof(OrderPlaced))]
            public sealed partial class {|#0:Unstarted|}
            {
                public Checkout Start(OrderPlaced e) => new(e.OrderId, e.Total);
                [Step(1)] private Task Ship(Checkout c, CancellationToken ct) => Task.CompletedTask;
            }
            """;

        await Verify.VerifyAsync(
            source,
            Verify.Diagnostic("EVF065").WithLocation(0).WithArguments(
                "Saga 'Unstarted' is started by 'OrderPlaced' but declares no 'static Checkout Start(OrderPlaced e)' to make its data from the event"));
    }
}

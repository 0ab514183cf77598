using Eventfold.Analyzers.Rules;
using Eventfold.Analyzers.Tests.Verifiers;
using Eventfold.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;

namespace Eventfold.Analyzers.Tests.Rules;

/// <summary>The two fixes of EVF002: a compensation stub that Compensate names, or [NoCompensation].</summary>
public sealed class SagaCompensationFixTests
{
    private const string Header = """
        using System;
        using System.Threading;
        using System.Threading.Tasks;
        using Eventfold;

        public sealed record Checkout(string OrderId);

        """;

    [Fact]
    public async Task The_stub_is_added_beside_the_step_with_its_shape_and_named_by_Compensate()
    {
        const string source = Header + """
            [Saga("checkout")]
            public sealed partial class CheckoutSaga
            {
                [Step(1)]
                private Task {|EVF002:ReserveStock|}(Checkout c, CancellationToken token) => Task.CompletedTask;

                [Step(2)]
                private Task Ship(Checkout c, CancellationToken ct) => Task.CompletedTask;
            }
            """;
        const string fixedSource = Header + """
            [Saga("checkout")]
            public sealed partial class CheckoutSaga
            {
                [Step(1, Compensate = nameof(UndoReserveStock))]
                private Task ReserveStock(Checkout c, CancellationToken token) => Task.CompletedTask;
                private Task UndoReserveStock(Checkout c, CancellationToken token)
                {
                    // Undo what ReserveStock did. After a crash this may run twice: deduplicate by SagaStepContext.Current.IdempotencyKey.
                    throw new NotImplementedException();
                }

                [Step(2)]
                private Task Ship(Checkout c, CancellationToken ct) => Task.CompletedTask;
            }
            """;

        await Fix(source, fixedSource, AddSagaCompensationCodeFixProvider.AddCompensationKey);
    }

    [Fact]
    public async Task The_stub_is_written_fully_qualified_where_nothing_is_imported_and_takes_a_free_name()
    {
        const string source = """
            public sealed record Checkout(string OrderId);

            [Eventfold.Saga("checkout")]
            public sealed partial class CheckoutSaga
            {
                [Eventfold.StepAttribute(1)] private System.Threading.Tasks.Task {|EVF002:Reserve|}(Checkout c) => System.Threading.Tasks.Task.CompletedTask;
                private void UndoReserve() { }
                [Eventfold.Step(2)] private System.Threading.Tasks.Task Ship(Checkout c, System.Threading.CancellationToken ct) => System.Threading.Tasks.Task.CompletedTask;
            }
            """;
        const string fixedSource = """
            public sealed record Checkout(string OrderId);

            [Eventfold.Saga("checkout")]
            public sealed partial class CheckoutSaga
            {
                [Eventfold.StepAttribute(1, Compensate = nameof(UndoReserve2))] private System.Threading.Tasks.Task Reserve(Checkout c) => System.Threading.Tasks.Task.CompletedTask;
                private System.Threading.Tasks.Task UndoReserve2(Checkout c, System.Threading.CancellationToken ct)
                {
                    // Undo what Reserve did. After a crash this may run twice: deduplicate by SagaStepContext.Current.IdempotencyKey.
                    throw new System.NotImplementedException();
                }
                private void UndoReserve() { }
                [Eventfold.Step(2)] private System.Threading.Tasks.Task Ship(Checkout c, System.Threading.CancellationToken ct) => System.Threading.Tasks.Task.CompletedTask;
            }
            """;

        // The step itself still takes no CancellationToken (EVF062): the stub has the right shape regardless.
        await Fix(source, fixedSource, AddSagaCompensationCodeFixProvider.AddCompensationKey, remaining: [new DiagnosticResult("EVF062", Microsoft.CodeAnalysis.DiagnosticSeverity.Error).WithSpan(6, 105, 6, 112).WithArguments(
            "Saga step 'Reserve' of 'CheckoutSaga' takes no CancellationToken, so a timeout or a stopping host cannot cancel it; add 'CancellationToken ct' after the data and pass it on")],
            expected: [new DiagnosticResult("EVF062", Microsoft.CodeAnalysis.DiagnosticSeverity.Error).WithSpan(6, 70, 6, 77).WithArguments(
            "Saga step 'Reserve' of 'CheckoutSaga' takes no CancellationToken, so a timeout or a stopping host cannot cancel it; add 'CancellationToken ct' after the data and pass it on")]);
    }

    [Fact]
    public async Task NoCompensation_is_added_beside_Step_with_a_reason_to_write()
    {
        const string source = Header + """
            [Saga("checkout")]
            public sealed partial class CheckoutSaga
            {
                [Step(1)]
                private Task {|EVF002:Notify|}(Checkout c, CancellationToken ct) => Task.CompletedTask;

                [Eventfold.StepAttribute(2)] private Task {|EVF002:Log|}(Checkout c, CancellationToken ct) => Task.CompletedTask;

                [Step(3)]
                private Task Ship(Checkout c, CancellationToken ct) => Task.CompletedTask;
            }
            """;
        const string fixedSource = Header + """
            [Saga("checkout")]
            public sealed partial class CheckoutSaga
            {
                [Step(1), NoCompensation("TODO: say why this step needs no compensation")]
                private Task Notify(Checkout c, CancellationToken ct) => Task.CompletedTask;

                [Eventfold.StepAttribute(2), Eventfold.NoCompensationAttribute("TODO: say why this step needs no compensation")] private Task Log(Checkout c, CancellationToken ct) => Task.CompletedTask;

                [Step(3)]
                private Task Ship(Checkout c, CancellationToken ct) => Task.CompletedTask;
            }
            """;

        await Fix(source, fixedSource, AddSagaCompensationCodeFixProvider.NoCompensationKey);
    }

    [Fact]
    public async Task Fix_all_gives_every_step_its_own_compensation()
    {
        const string source = Header + """
            [Saga("checkout")]
            public sealed partial class CheckoutSaga
            {
                [Step(1)] private Task {|EVF002:Reserve|}(Checkout c, CancellationToken ct) => Task.CompletedTask;
                [Step(2)] private Task {|EVF002:Charge|}(Checkout c, CancellationToken ct) => Task.CompletedTask;
                [Step(3)] private Task Ship(Checkout c, CancellationToken ct) => Task.CompletedTask;
            }
            """;
        const string fixedSource = Header + """
            [Saga("checkout")]
            public sealed partial class CheckoutSaga
            {
                [Step(1, Compensate = nameof(UndoReserve))] private Task Reserve(Checkout c, CancellationToken ct) => Task.CompletedTask;
                private Task UndoReserve(Checkout c, CancellationToken ct)
                {
                    // Undo what Reserve did. After a crash this may run twice: deduplicate by SagaStepContext.Current.IdempotencyKey.
                    throw new NotImplementedException();
                }
                [Step(2, Compensate = nameof(UndoCharge))] private Task Charge(Checkout c, CancellationToken ct) => Task.CompletedTask;
                private Task UndoCharge(Checkout c, CancellationToken ct)
                {
                    // Undo what Charge did. After a crash this may run twice: deduplicate by SagaStepContext.Current.IdempotencyKey.
                    throw new NotImplementedException();
                }
                [Step(3)] private Task Ship(Checkout c, CancellationToken ct) => Task.CompletedTask;
            }
            """;

        await Fix(source, fixedSource, AddSagaCompensationCodeFixProvider.AddCompensationKey);
    }

    private static Task Fix(string source, string fixedSource, string equivalenceKey, DiagnosticResult[]? remaining = null, DiagnosticResult[]? expected = null)
    {
        var test = new CSharpCodeFixTest<SagaAnalyzer, AddSagaCompensationCodeFixProvider, DefaultVerifier>
        {
            TestCode = source,
            FixedCode = fixedSource,
            CodeActionEquivalenceKey = equivalenceKey,
            ReferenceAssemblies = TestReferences.None,
        };
        TestReferences.Apply(test.TestState);
        test.ExpectedDiagnostics.AddRange(expected ?? []);
        test.FixedState.ExpectedDiagnostics.AddRange(remaining ?? []);
        return test.RunAsync();
    }
}

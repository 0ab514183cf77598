using Eventfold.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace Eventfold.Generators.Tests;

/// <summary>
/// <see cref="GeneratorAndAnalyzersAgreeTests"/> for sagas, published state and replicas: the samples the generator
/// tests use get code and no diagnostic; each mistake gets its diagnostic, and the generator leaves out exactly
/// what an error leaves out (a warning, or an error of meaning such as EVF052, still gets code that compiles).
/// </summary>
public sealed class SagaAndStateAgreementTests
{
    private const string SagaHeader = """
        using System.Threading;
        using System.Threading.Tasks;
        using Eventfold;

        public sealed record Checkout(string OrderId);

        """;

    private const string SagaHint = "CheckoutSaga.Saga.g.cs";

    private const string StateHeader = """
        using Eventfold;

        [Event("Registered")] public sealed record Registered(string CustomerId, string Name);

        """;

    private const string Customer = """
        [Aggregate("customer"), PublishesState]
        public sealed partial class Customer
        {
            public string Name { get; private set; } = "";
            [NotPublished] public string Email { get; private set; } = "";
            private void Apply(Registered e) => Name = e.Name;
        }

        """;

    private static readonly (string Name, string[] Sources)[] Valid =
    [
        ("Checkout", [SagaSamples.Checkout]),
        ("StartedByEvent", [SagaSamples.StartedByEvent]),
        ("Customer", [StateSamples.Customer]),
        ("NestedAccount", [StateSamples.NestedAccount]),
    ];

    private static readonly (string Name, string Source, string Id, string Hint, bool Generated)[] Invalid =
    [
        ("StepWithoutCompensation", SagaHeader + Saga("[Step(1)] private Task A(Checkout c, CancellationToken ct) => Task.CompletedTask;"), "EVF002", SagaHint, true),
        ("CompensationMissing", SagaHeader + Saga("[Step(1, Compensate = \"Undo\")] private Task A(Checkout c, CancellationToken ct) => Task.CompletedTask;"), "EVF007", SagaHint, false),
        ("CompensationShape", SagaHeader + Saga("[Step(1, Compensate = nameof(Undo))] private Task A(Checkout c, CancellationToken ct) => Task.CompletedTask; private void Undo(Checkout c, CancellationToken ct) { }"), "EVF007", SagaHint, false),
        ("DuplicateOrder", SagaHeader + Saga("[Step(2), NoCompensation(\"x\")] private Task A(Checkout c, CancellationToken ct) => Task.CompletedTask;"), "EVF060", SagaHint, false),
        ("CompensationOnLast", SagaHeader + """
            [Saga("checkout")]
            public sealed partial class CheckoutSaga
            {
                [Step(1, Compensate = nameof(Undo))] private Task Last(Checkout c, CancellationToken ct) => Task.CompletedTask;
                private Task Undo(Checkout c, CancellationToken ct) => Task.CompletedTask;
            }
            """, "EVF061", SagaHint, true),
        ("NoToken", SagaHeader + Saga("[Step(1), NoCompensation(\"x\")] private Task A(Checkout c) => Task.CompletedTask;"), "EVF062", SagaHint, false),
        ("MutableData", """
            using System.Threading;
            using System.Threading.Tasks;
            using Eventfold;

            public sealed record Checkout(string OrderId) { public int Tries { get; set; } }

            """ + Saga("[Step(1), NoCompensation(\"x\")] private Task A(Checkout c, CancellationToken ct) => Task.CompletedTask;"), "EVF063", SagaHint, true),
        ("NoSteps", SagaHeader + "[Saga(\"checkout\")] public sealed partial class CheckoutSaga { }", "EVF064", SagaHint, false),
        ("StartedByWithoutStart", SagaHeader + """
            [Event("Placed")] public sealed record Placed(string OrderId);

            [Saga("checkout", StartedBy = typeof(Placed))]
            public sealed partial class CheckoutSaga
            {
                [Step(1)] private Task Ship(Checkout c, CancellationToken ct) => Task.CompletedTask;
            }
            """, "EVF065", SagaHint, false),
        ("StepShape", SagaHeader + Saga("[Step(1), NoCompensation(\"x\")] private void A(Checkout c, CancellationToken ct) { }"), "EVF008", SagaHint, false),
        ("PersonalData", StateHeader + """
            [Aggregate("customer"), PublishesState]
            public sealed partial class Customer
            {
                [PersonalData] public string Name { get; private set; } = "";
                private void Apply(Registered e) => Name = e.Name;
            }
            """, "EVF010", "Customer.State.g.cs", true),
        ("NotAnAggregate", StateHeader + "[PublishesState] public sealed partial class Customer { public string Name { get; } = \"\"; }", "EVF050", "Customer.State.g.cs", false),
        ("StateVersionZero", StateHeader + Customer.Replace("PublishesState]", "PublishesState(Version = 0)]"), "EVF050", "Customer.State.g.cs", false),
        ("ReplicaWithoutVersion", StateHeader + Customer + "[StateReplica(\"customer.state\")] public sealed partial record CustomerView(string Id, string Name);", "EVF051", "CustomerView.Replica.g.cs", false),
        ("ReplicaOfPrivateMember", StateHeader + Customer + "[StateReplica(\"customer.state\")] public sealed partial record CustomerView(string Id, long Version, string Email);", "EVF052", "CustomerView.Replica.g.cs", true),
        ("ReplicaOfOtherType", StateHeader + Customer + "[StateReplica(\"customer.state\")] public sealed partial record CustomerView(string Id, long Version, int Name);", "EVF053", "CustomerView.Replica.g.cs", true),
        ("ReplicaOfCategory", StateHeader + Customer + "[StateReplica(\"customer\")] public sealed partial record CustomerView(string Id, long Version);", "EVF054", "CustomerView.Replica.g.cs", true),
    ];

    public static TheoryData<string> ValidNames => new(Valid.Select(s => s.Name));

    public static TheoryData<string> InvalidNames => new(Invalid.Select(s => s.Name));

    [Theory]
    [MemberData(nameof(ValidNames))]
    public void Valid_input_is_generated_and_not_reported(string name)
    {
        var (generated, output) = GeneratorHarness.Run(GeneratorHarness.Compile(name, Valid.Single(s => s.Name == name).Sources));

        Assert.NotEmpty(generated);
        Assert.Empty(GeneratorHarness.Problems(output));
        Assert.Empty(AnalyzerHarness.Run(output));
    }

    [Theory]
    [MemberData(nameof(InvalidNames))]
    public void Invalid_input_is_reported_and_generated_only_when_it_can_work(string name)
    {
        var sample = Invalid.Single(s => s.Name == name);
        var (generated, output) = GeneratorHarness.Run(GeneratorHarness.Compile(name, sample.Source));

        Assert.Contains(AnalyzerHarness.Run(output), d => d.Id == sample.Id);
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        Assert.Equal(sample.Generated, generated.ContainsKey(sample.Hint));
    }

    /// <summary>A checkout saga with the given first step, before a last step that needs no compensation.</summary>
    private static string Saga(string firstStep) => $$"""
        [Saga("checkout")]
        public sealed partial class CheckoutSaga
        {
            {{firstStep}}
            [Step(2)] private Task Ship(Checkout c, CancellationToken ct) => Task.CompletedTask;
        }
        """;
}

using Eventfold.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace Eventfold.Generators.Tests;

/// <summary>
/// The projection generator and the analyzers over shared samples: valid projections get code and no
/// diagnostic; each mistake gets its diagnostic, and the generated dispatch leaves out exactly that method.
/// </summary>
public sealed class ProjectionAgreementTests
{
    private const string Events = """
        using System.Threading;
        using System.Threading.Tasks;
        using Eventfold;

        public interface INote { }
        [Event] public sealed record Placed(decimal Total);
        [Event("shipped")] public sealed record Shipped : INote;
        public sealed record NotAnEvent;

        """;

    private static readonly (string Name, string Source)[] Valid =
    [
        ("EveryShape", Events + """
            [Projection("totals")]
            public sealed partial class Totals
            {
                private void On(Placed e) { }
                private async Task On(Shipped e, EventContext ctx, CancellationToken ct) => await Task.Yield();
            }
            """),
        ("NoHandlers", Events + """
            [Projection("totals")]
            public sealed partial class Totals { public void Other(Placed e) { } }
            """),
    ];

    private static readonly (string Name, string Id, string Source, string? MustNotContain)[] Invalid =
    [
        ("OnOfInterface", "EVF008", Events + """
            [Projection("totals")]
            public sealed partial class Totals { private void On(Placed e) { } private void On(INote e) { } }
            """, "global::INote"),
        ("OnOfUnregisteredType", "EVF008", Events + """
            [Projection("totals")]
            public sealed partial class Totals { private void On(Placed e) { } private void On(NotAnEvent e) { } }
            """, "global::NotAnEvent"),
        ("OnAsyncVoid", "EVF008", Events + """
            [Projection("totals")]
            public sealed partial class Totals { private void On(Placed e) { } private async void On(Shipped e) => await Task.Yield(); }
            """, "global::Shipped"),
        ("OnTokenBeforeContext", "EVF008", Events + """
            [Projection("totals")]
            public sealed partial class Totals { private void On(Placed e) { } private void On(Shipped e, CancellationToken ct, EventContext c) { } }
            """, "global::Shipped"),
        ("GenericProjection", "EVF030", Events + """
            [Projection("totals")]
            public sealed partial class Totals<T> { private void On(Placed e) { } }
            """, null),
        ("UnnamedProjection", "EVF030", Events + """
            [Projection("")]
            public sealed partial class Totals { private void On(Placed e) { } }
            """, null),
        ("NoParallelStreams", "EVF031", Events + """
            [Projection("totals", ParallelStreams = 0)]
            public sealed partial class Totals { private void On(Placed e) { } }
            """, null),
    ];

    public static TheoryData<string> ValidNames => new(Valid.Select(s => s.Name));

    public static TheoryData<string> InvalidNames => new(Invalid.Select(s => s.Name));

    [Theory]
    [MemberData(nameof(ValidNames))]
    public void Valid_projections_are_generated_and_not_reported(string name)
    {
        var (generated, output) = GeneratorHarness.Run(GeneratorHarness.Compile(name, Valid.Single(s => s.Name == name).Source));

        Assert.Contains("Totals.Projection.g.cs", generated.Keys);
        Assert.Empty(GeneratorHarness.Problems(output));
        Assert.Empty(AnalyzerHarness.Run(output));
    }

    [Theory]
    [MemberData(nameof(InvalidNames))]
    public void Invalid_projections_are_reported_and_the_mistake_not_generated(string name)
    {
        var sample = Invalid.Single(s => s.Name == name);
        var (generated, output) = GeneratorHarness.Run(GeneratorHarness.Compile(name, sample.Source));

        Assert.Contains(AnalyzerHarness.Run(output), d => d.Id == sample.Id);
        Assert.DoesNotContain(output.GetDiagnostics(), d => d.Severity == DiagnosticSeverity.Error && d.Location.SourceTree?.FilePath.EndsWith(".g.cs", StringComparison.Ordinal) == true);
        if (sample.MustNotContain is null)
        {
            Assert.DoesNotContain(generated.Keys, k => k.EndsWith(".Projection.g.cs", StringComparison.Ordinal));
        }
        else
        {
            // The valid On is still generated; the rejected one is not called.
            string code = generated["Totals.Projection.g.cs"];
            Assert.Contains("case global::Placed e:", code, StringComparison.Ordinal);
            Assert.DoesNotContain(sample.MustNotContain, code, StringComparison.Ordinal);
        }
    }
}

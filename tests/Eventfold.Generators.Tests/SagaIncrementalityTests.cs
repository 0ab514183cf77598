using Eventfold.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Eventfold.Generators.Tests;

/// <summary>The saga pipeline caches: edits that change no saga leave its steps Cached or Unchanged.</summary>
public sealed class SagaIncrementalityTests
{
    private static readonly string[] Steps = [TrackingNames.Sagas, TrackingNames.ValidSagas];

    [Fact]
    public void An_unrelated_file_and_an_edit_inside_a_step_body_rerun_nothing()
    {
        var first = GeneratorHarness.Compile("Incremental", SagaSamples.Checkout);
        var unrelated = first.AddSyntaxTrees(CSharpSyntaxTree.ParseText("namespace Elsewhere; public sealed class Unrelated { }", GeneratorHarness.ParseOptions));
        var bodyEdit = Replace(first, SagaSamples.Checkout.Replace("shipping.ShipAsync(c.OrderId, ct)", "shipping.ShipAsync(c.OrderId + \"\", ct)"));

        foreach (var second in new[] { unrelated, bodyEdit })
        {
            var runs = RunTwice(first, second);
            Assert.NotEmpty(runs);
            Assert.All(runs, r => Assert.True(r is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, r.ToString()));
        }
    }

    [Fact]
    public void A_changed_step_setting_modifies_the_saga_step()
    {
        var first = GeneratorHarness.Compile("Incremental", SagaSamples.Checkout);
        var second = Replace(first, SagaSamples.Checkout.Replace("Retries = 3", "Retries = 4"));

        Assert.Contains(IncrementalStepRunReason.Modified, RunTwice(first, second));
    }

    [Fact]
    public void Equivalent_sources_produce_equal_models()
    {
        var a = Model(GeneratorHarness.Compile("A", SagaSamples.Checkout));
        var b = Model(GeneratorHarness.Compile("A", "// another file first", SagaSamples.Checkout));

        Assert.NotSame(a, b);
        Assert.Equal(a, b);
    }

    private static Compilation Replace(Compilation compilation, string source) =>
        compilation.ReplaceSyntaxTree(compilation.SyntaxTrees.First(), CSharpSyntaxTree.ParseText(source, GeneratorHarness.ParseOptions, path: "Input0.cs"));

    private static object Model(Compilation compilation)
    {
        var driver = GeneratorHarness.CreateDriver(trackSteps: true).RunGenerators(compilation);
        return driver.GetRunResult().Results.SelectMany(r => r.TrackedSteps)
            .Where(s => s.Key == TrackingNames.ValidSagas).SelectMany(s => s.Value).SelectMany(s => s.Outputs).Single().Value;
    }

    private static List<IncrementalStepRunReason> RunTwice(Compilation first, Compilation second)
    {
        var driver = GeneratorHarness.CreateDriver(trackSteps: true).RunGenerators(first).RunGenerators(second);
        return driver.GetRunResult().Results
            .SelectMany(r => r.TrackedSteps)
            .Where(s => Steps.Contains(s.Key))
            .SelectMany(s => s.Value)
            .SelectMany(s => s.Outputs)
            .Select(o => o.Reason)
            .ToList();
    }
}

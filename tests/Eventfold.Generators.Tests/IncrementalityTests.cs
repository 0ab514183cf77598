using System.Reflection;
using Eventfold.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Eventfold.Generators.Tests;

/// <summary>Edits that change no model leave every named pipeline step Cached or Unchanged.</summary>
public sealed class IncrementalityTests
{
    private static readonly string[] StepNames = typeof(TrackingNames)
        .GetFields(BindingFlags.Static | BindingFlags.Public)
        .Where(f => f.IsLiteral)
        .Select(f => (string)f.GetRawConstantValue()!)
        .ToArray();

    [Fact]
    public void Adding_an_unrelated_file_reruns_nothing()
    {
        var first = GeneratorHarness.Compile("Incremental", Samples.OrderEvents, Samples.Order, DispatcherSamples.Notifier, ProjectionSamples.OrderTotals, SagaSamples.Checkout, StateSamples.Customer);
        var second = first.AddSyntaxTrees(CSharpSyntaxTree.ParseText(
            "namespace Elsewhere; public sealed class Unrelated { public int Value => 42; }", GeneratorHarness.ParseOptions));

        var steps = RunTwice(first, second);

        AssertAllCachedOrUnchanged(steps);
    }

    [Fact]
    public void Editing_a_method_that_is_not_an_Apply_reruns_nothing()
    {
        var first = GeneratorHarness.Compile("Incremental", Samples.OrderEvents, Samples.Order, DispatcherSamples.Notifier, ProjectionSamples.OrderTotals, SagaSamples.Checkout, StateSamples.Customer);
        var second = ReplaceInput(first, 1, Samples.Order.Replace("\"already placed\"", "\"this order is already placed\""));

        var steps = RunTwice(first, second);

        AssertAllCachedOrUnchanged(steps);
    }

    [Fact]
    public void Adding_an_Apply_method_modifies_the_aggregate_step()
    {
        // The check above can fail: a real change is reported as Modified.
        var first = GeneratorHarness.Compile("Incremental", Samples.OrderEvents, Samples.Order, ProjectionSamples.OrderTotals, DispatcherSamples.Notifier, SagaSamples.Checkout, StateSamples.Customer);
        var second = ReplaceInput(first, 1, Samples.Order.Replace(
            "private void Apply(OrderShipped e) => Shipped = true;",
            "private void Apply(OrderShipped e) => Shipped = true;\n    private void Apply(OrderPlacedV1 e) => Total = e.Total;"));

        var steps = RunTwice(first, second);

        Assert.Contains(steps[TrackingNames.ValidAggregates], o => o.Reason == IncrementalStepRunReason.Modified);
    }

    [Fact]
    public void Equivalent_sources_produce_equal_models()
    {
        // Same declarations in other files and order: the models are equal, not merely alike.
        var a = Run(GeneratorHarness.CreateDriver(trackSteps: true), GeneratorHarness.Compile("A", Samples.OrderEvents, Samples.Order));
        var b = Run(GeneratorHarness.CreateDriver(trackSteps: true), GeneratorHarness.Compile("A", Samples.Order, Samples.OrderEvents));

        foreach (var step in new[] { TrackingNames.Registry, TrackingNames.ValidAggregates })
        {
            var left = Assert.Single(a[step]).Value;
            var right = Assert.Single(b[step]).Value;
            Assert.NotSame(left, right);
            Assert.Equal(left, right);
        }
    }

    [Fact]
    public void Editing_an_On_method_body_reruns_nothing()
    {
        var first = GeneratorHarness.Compile("Incremental", Samples.OrderEvents, Samples.Order, ProjectionSamples.OrderTotals, DispatcherSamples.Notifier, SagaSamples.Checkout, StateSamples.Customer);
        var second = ReplaceInput(first, 2, ProjectionSamples.OrderTotals.Replace("Seen.Add(\"cancelled\")", "Seen.Add(\"order cancelled\")"));

        var steps = RunTwice(first, second);

        AssertAllCachedOrUnchanged(steps);
    }

    [Fact]
    public void Adding_an_On_method_modifies_the_projection_step()
    {
        var first = GeneratorHarness.Compile("Incremental", Samples.OrderEvents, Samples.Order, ProjectionSamples.OrderTotals, DispatcherSamples.Notifier, SagaSamples.Checkout, StateSamples.Customer);
        var second = ReplaceInput(first, 2, ProjectionSamples.OrderTotals.Replace(
            "private void On(OrderPlaced e)",
            "private void On(OrderPlacedV1 e) { }\n    private void On(OrderPlaced e)"));

        var steps = RunTwice(first, second);

        Assert.Contains(steps[TrackingNames.ValidProjections], o => o.Reason == IncrementalStepRunReason.Modified);
    }

    [Fact]
    public void Changing_a_projections_ParallelStreams_modifies_the_projection_step()
    {
        var first = GeneratorHarness.Compile("Incremental", Samples.OrderEvents, ProjectionSamples.ParallelDevices);
        var second = ReplaceInput(first, 1, ProjectionSamples.ParallelDevices.Replace("ParallelStreams = 4", "ParallelStreams = 8"));

        var steps = RunTwice(first, second);

        Assert.Contains(steps[TrackingNames.ValidProjections], o => o.Reason == IncrementalStepRunReason.Modified);
    }

    [Fact]
    public void Equivalent_projection_sources_produce_equal_models()
    {
        var a = Run(GeneratorHarness.CreateDriver(trackSteps: true), GeneratorHarness.Compile("A", Samples.OrderEvents, ProjectionSamples.OrderTotals));
        var b = Run(GeneratorHarness.CreateDriver(trackSteps: true), GeneratorHarness.Compile("A", ProjectionSamples.OrderTotals, Samples.OrderEvents));

        var left = Assert.Single(a[TrackingNames.ValidProjections]).Value;
        var right = Assert.Single(b[TrackingNames.ValidProjections]).Value;
        Assert.NotSame(left, right);
        Assert.Equal(left, right);
    }

    [Fact]
    public void Editing_a_member_that_is_not_published_reruns_nothing()
    {
        var first = GeneratorHarness.Compile("Incremental", Samples.OrderEvents, Samples.Order, DispatcherSamples.Notifier, ProjectionSamples.OrderTotals, SagaSamples.Checkout, StateSamples.Customer);
        var second = ReplaceInput(first, 5, StateSamples.Customer.Replace("Raise(new CustomerRenamed(Id, name))", "Raise(new CustomerRenamed(Id, name.Trim()))"));

        var steps = RunTwice(first, second);

        AssertAllCachedOrUnchanged(steps);
    }

    [Fact]
    public void Marking_a_member_NotPublished_modifies_the_published_state_step()
    {
        var first = GeneratorHarness.Compile("Incremental", Samples.OrderEvents, Samples.Order, DispatcherSamples.Notifier, ProjectionSamples.OrderTotals, SagaSamples.Checkout, StateSamples.Customer);
        var second = ReplaceInput(first, 5, StateSamples.Customer.Replace("public string? Nickname", "[NotPublished] public string? Nickname"));

        var steps = RunTwice(first, second);

        Assert.Contains(steps[TrackingNames.ValidPublishedStates], o => o.Reason == IncrementalStepRunReason.Modified);
        Assert.All(steps[TrackingNames.ValidStateReplicas], o => Assert.True(o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged));
    }

    [Fact]
    public void Equivalent_state_sources_produce_equal_models()
    {
        var a = Run(GeneratorHarness.CreateDriver(trackSteps: true), GeneratorHarness.Compile("A", StateSamples.Customer, StateSamples.NestedAccount));
        var b = Run(GeneratorHarness.CreateDriver(trackSteps: true), GeneratorHarness.Compile("A", StateSamples.NestedAccount, StateSamples.Customer));

        foreach (var step in new[] { TrackingNames.ValidPublishedStates, TrackingNames.ValidStateReplicas })
        {
            var left = a[step].Select(o => o.Value).OrderBy(v => v.ToString(), StringComparer.Ordinal).ToList();
            var right = b[step].Select(o => o.Value).OrderBy(v => v.ToString(), StringComparer.Ordinal).ToList();
            Assert.Equal(2, left.Count);
            Assert.Equal(left, right);
            Assert.NotSame(left[0], right[0]);
        }
    }

    /// <summary>The outputs of every named step on the second run, by step name.</summary>
    private static Dictionary<string, List<(object Value, IncrementalStepRunReason Reason)>> RunTwice(Compilation first, Compilation second) =>
        Run(GeneratorHarness.CreateDriver(trackSteps: true).RunGenerators(first), second);

    private static Dictionary<string, List<(object Value, IncrementalStepRunReason Reason)>> Run(GeneratorDriver driver, Compilation compilation)
    {
        driver = driver.RunGenerators(compilation);
        var steps = new Dictionary<string, List<(object, IncrementalStepRunReason)>>();
        foreach (var result in driver.GetRunResult().Results)
        {
            foreach (var (name, runs) in result.TrackedSteps)
            {
                if (StepNames.Contains(name))
                {
                    steps[name] = runs.SelectMany(r => r.Outputs).ToList();
                }
            }
        }

        return steps;
    }

    private static void AssertAllCachedOrUnchanged(Dictionary<string, List<(object Value, IncrementalStepRunReason Reason)>> steps)
    {
        // Every step ran and produced something, so the check below is not vacuous.
        Assert.Equal(StepNames.Order(), steps.Keys.Order());
        foreach (var (name, outputs) in steps)
        {
            Assert.True(outputs.Count > 0, $"step {name} produced no output");
            foreach (var (value, reason) in outputs)
            {
                Assert.True(
                    reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged,
                    $"step {name} reported {reason} for {value}");
            }
        }
    }

    private static Compilation ReplaceInput(Compilation compilation, int index, string newText)
    {
        var old = compilation.SyntaxTrees.Single(t => t.FilePath == $"Input{index}.cs");
        return compilation.ReplaceSyntaxTree(old, CSharpSyntaxTree.ParseText(newText, GeneratorHarness.ParseOptions, path: old.FilePath));
    }
}

using Eventfold.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Eventfold.Generators.Tests;

/// <summary>The chains are planned in the registry step: an upcaster's body never reruns it, a new upcaster does.</summary>
public sealed class UpcastChainIncrementalityTests
{
    [Fact]
    public void Editing_an_upcaster_body_leaves_the_upcaster_and_registry_steps_cached()
    {
        var first = GeneratorHarness.Compile("Chains", UpcastChainSamples.Parcels);
        var second = Replace(first, UpcastChainSamples.Parcels.Replace("\"post\"", "\"postal service\""));

        var steps = RunTwice(first, second);

        foreach (var name in new[] { TrackingNames.ValidUpcasters, TrackingNames.CollectedUpcasters, TrackingNames.Registry })
        {
            Assert.NotEmpty(steps[name]);
            Assert.All(steps[name], reason => Assert.True(reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"{name}: {reason}"));
        }
    }

    [Fact]
    public void Adding_an_upcaster_modifies_the_registry_step_with_a_new_chain()
    {
        // Without the step from version 3, versions 1 to 3 have no chain; adding it gives all three one.
        string withoutV3 = UpcastChainSamples.Parcels.Replace("[Upcaster(\"parcel.sent\", FromVersion = 3)]", "");
        var first = GeneratorHarness.Compile("Chains", withoutV3);
        var second = Replace(first, UpcastChainSamples.Parcels);

        var driver = GeneratorHarness.CreateDriver(trackSteps: true).RunGenerators(first);
        Assert.DoesNotContain("RegisterChain", Generated(driver));
        driver = driver.RunGenerators(second);

        Assert.Contains(Steps(driver)[TrackingNames.Registry], reason => reason == IncrementalStepRunReason.Modified);
        Assert.Contains("registry.RegisterChain(\"parcel.sent\", 1, Read_parcel_sent_V1);", Generated(driver));
    }

    [Fact]
    public void The_same_upcasters_in_another_order_give_an_equal_registry_model()
    {
        // The typed upcaster moved from the top of the class to its end.
        const string toV2 = "[Upcaster] public static ParcelSentV2 ToV2(ParcelSentV1 e) => new(e.ParcelId, 1);";
        string withoutToV2 = UpcastChainSamples.Parcels.Replace(toV2, "");
        int end = withoutToV2.LastIndexOf('}');
        string reordered = withoutToV2[..end] + toV2 + "\n}\n";
        object Model(string source)
        {
            var driver = GeneratorHarness.CreateDriver(trackSteps: true).RunGenerators(GeneratorHarness.Compile("Chains", source));
            return Assert.Single(driver.GetRunResult().Results.SelectMany(r => r.TrackedSteps.TryGetValue(TrackingNames.Registry, out var runs) ? runs : []).SelectMany(r => r.Outputs)).Value;
        }

        var left = Model(UpcastChainSamples.Parcels);
        var right = Model(reordered);

        Assert.NotSame(left, right);
        Assert.Equal(left, right);
    }

    [Fact]
    public void Editing_a_published_state_aggregate_leaves_the_registry_step_and_its_unchained_upcaster_cached()
    {
        var first = GeneratorHarness.Compile("Chains", UpcastChainSamples.ClubState);
        var second = Replace(first, UpcastChainSamples.ClubState.Replace("Tier = e.Tier;", "Tier = e.Tier.Trim();"));

        var steps = RunTwice(first, second);

        foreach (var name in new[] { TrackingNames.ValidUpcasters, TrackingNames.Registry })
        {
            Assert.NotEmpty(steps[name]);
            Assert.All(steps[name], reason => Assert.True(reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"{name}: {reason}"));
        }
    }

    [Fact]
    public void Editing_an_aggregate_whose_generated_state_a_typed_upcaster_returns_leaves_the_upcaster_and_registry_steps_cached()
    {
        var first = GeneratorHarness.Compile("Chains", StateSamples.MemberStateV2);
        var second = Replace(first, StateSamples.MemberStateV2.Replace("Tier = e.Tier;", "Tier = e.Tier.Trim();"));

        var driver = GeneratorHarness.CreateDriver(trackSteps: true).RunGenerators(first).RunGenerators(second);
        var steps = Steps(driver);

        foreach (var name in new[] { TrackingNames.ValidUpcasters, TrackingNames.Registry })
        {
            Assert.NotEmpty(steps[name]);
            Assert.All(steps[name], reason => Assert.True(reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"{name}: {reason}"));
        }

        Assert.Contains("registry.RegisterUpcaster<global::Clubs.Members.MemberStateV1, global::Clubs.Members.MemberState>(\"member.state\", 1, global::Clubs.Members.MemberStateUpcasts.ToV2);", Generated(driver));
    }

    private static Compilation Replace(Compilation compilation, string text)
    {
        var old = compilation.SyntaxTrees.Single(t => t.FilePath == "Input0.cs");
        return compilation.ReplaceSyntaxTree(old, CSharpSyntaxTree.ParseText(text, GeneratorHarness.ParseOptions, path: old.FilePath));
    }

    private static Dictionary<string, List<IncrementalStepRunReason>> RunTwice(Compilation first, Compilation second) =>
        Steps(GeneratorHarness.CreateDriver(trackSteps: true).RunGenerators(first).RunGenerators(second));

    private static Dictionary<string, List<IncrementalStepRunReason>> Steps(GeneratorDriver driver) =>
        driver.GetRunResult().Results
            .SelectMany(r => r.TrackedSteps)
            .GroupBy(s => s.Key)
            .ToDictionary(g => g.Key, g => g.SelectMany(s => s.Value).SelectMany(r => r.Outputs).Select(o => o.Reason).ToList());

    private static string Generated(GeneratorDriver driver) =>
        string.Concat(driver.GetRunResult().Results.SelectMany(r => r.GeneratedSources).Select(s => s.SourceText.ToString()));
}

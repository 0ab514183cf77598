using System.Reflection;
using System.Text.RegularExpressions;
using Eventfold.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace Eventfold.Generators.Tests;

/// <summary>
/// What the registry generator cannot compose: a name whose latest type another generator writes keeps the
/// run-time walk, and a broken history gets chains exactly where the analyzers report nothing.
/// </summary>
public sealed class UpcastChainVisibilityTests
{
    [Fact]
    public void Snapshot_of_a_JSON_upcaster_for_a_published_state_registers_it_on_its_own()
    {
        var (generated, output) = GeneratorHarness.Run(GeneratorHarness.Compile("ClubStateUpcast", UpcastChainSamples.ClubState));

        Baseline.Verify("ClubStateUpcast.EventfoldEventRegistration.g.cs.txt", generated["EventfoldEventRegistration.g.cs"]);
        Assert.DoesNotContain("RegisterChain", generated["EventfoldEventRegistration.g.cs"]);
        Assert.Empty(GeneratorHarness.Problems(output));
        // The analyzers see the generated ClubState, so they find the chain 1 -> 2 whole.
        Assert.Empty(AnalyzerHarness.Run(output));
    }

    [Fact]
    public void A_version_1_published_state_is_read_as_the_generated_state_record()
    {
        var sample = CompiledSample.Load("Eventfold.ClubStateUpcast", UpcastChainSamples.ClubState);
        Assert.Empty(sample.Problems);
        var registry = new EventRegistry();
        foreach (var registration in sample.Assembly.GetTypes().Where(t => t.Namespace == "Eventfold.Generated"))
        {
            registration.GetMethod("RegisterAll", BindingFlags.Static | BindingFlags.NonPublic | BindingFlags.Public)?.Invoke(null, [registry]);
        }

        object state = new EventSerializer(registry).Deserialize("club.state-c-1", 0, "club.state", 1, """{"id":"c-1","version":4,"fullName":"Grace"}"""u8);

        Assert.Equal(sample.New("Clubs.ClubState", "c-1", 4L, "Grace", "standard"), state);
    }

    [Fact]
    public void A_broken_history_gets_chains_exactly_for_the_versions_the_analyzers_pass()
    {
        var (generated, output) = GeneratorHarness.Run(GeneratorHarness.Compile("BrokenChains", UpcastChainSamples.Broken));
        var diagnostics = AnalyzerHarness.Run(output);

        var chained = Regex.Matches(generated["EventfoldEventRegistration.g.cs"], """registry\.RegisterChain\("(\w+)", (\d+),""")
            .Select(m => (m.Groups[1].Value, int.Parse(m.Groups[2].Value)))
            .ToList();
        var reported = diagnostics
            .Where(d => d.Id is "EVF005" or "EVF040")
            .Select(d => Regex.Match(d.GetMessage(), """ersion (\d+) of event '(\w+)'"""))
            .Select(m => (m.Groups[2].Value, int.Parse(m.Groups[1].Value)))
            .Distinct()
            .Order()
            .ToList();

        Assert.Equal([("c", 1)], chained);
        Assert.Equal([("a", 1), ("a", 2), ("b", 1)], reported);
        Assert.Equal(["EVF005", "EVF005", "EVF040", "EVF040"], diagnostics.Select(d => d.Id).Order());
    }
}

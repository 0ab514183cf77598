using Eventfold.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace Eventfold.Generators.Tests;

/// <summary>
/// The generators and the analyzers run together over shared samples, as in a real build: valid
/// input gets code that compiles and no diagnostic; invalid input gets its diagnostic and no
/// generated code for the mistake. Neither can drift from the other unnoticed.
/// </summary>
public sealed class GeneratorAndAnalyzersAgreeTests
{
    public static TheoryData<string> ValidNames => new(AgreementSamples.Valid.Select(s => s.Name));

    public static TheoryData<string> InvalidNames => new(AgreementSamples.Invalid.Select(s => s.Name));

    [Theory]
    [MemberData(nameof(ValidNames))]
    public void Valid_input_is_generated_and_not_reported(string name)
    {
        var source = AgreementSamples.Valid.Single(s => s.Name == name).Source;
        var (generated, output) = GeneratorHarness.Run(GeneratorHarness.Compile(name, source));

        Assert.Contains("Cart.g.cs", generated.Keys);
        Assert.Empty(GeneratorHarness.Problems(output));
        Assert.Empty(AnalyzerHarness.Run(output));
    }

    [Theory]
    [MemberData(nameof(InvalidNames))]
    public void Invalid_input_is_reported_and_not_generated(string name)
    {
        var sample = AgreementSamples.Invalid.Single(s => s.Name == name);
        var (generated, output) = GeneratorHarness.Run(GeneratorHarness.Compile(name, sample.Source));

        var reported = AnalyzerHarness.Run(output);
        Assert.Contains(reported, d => d.Id == sample.Id);
        // The generator emits nothing broken: no compiler error comes from a generated file.
        Assert.DoesNotContain(output.GetDiagnostics(), d => d.Severity == DiagnosticSeverity.Error && d.Location.SourceTree?.FilePath.EndsWith(".g.cs", StringComparison.Ordinal) == true);
        if (sample.MustNotContain is null)
        {
            Assert.DoesNotContain(sample.HintName, generated.Keys);
        }
        else if (generated.TryGetValue(sample.HintName, out var code))
        {
            Assert.DoesNotContain(sample.MustNotContain, code, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Each_Apply_mistake_has_its_own_message()
    {
        string Message(string sample)
        {
            var source = AgreementSamples.Invalid.Single(s => s.Name == sample).Source;
            var (_, output) = GeneratorHarness.Run(GeneratorHarness.Compile(sample, source));
            return Assert.Single(AnalyzerHarness.Run(output), d => d.Id == "EVF008").GetMessage(System.Globalization.CultureInfo.InvariantCulture);
        }

        string[] messages = [Message("ApplyReturnsBool"), Message("ApplyTakesVersion"), Message("ApplyTakesObject")];

        Assert.Equal(messages.Length, messages.Distinct().Count());
        Assert.Contains("returns 'bool'", messages[0]);
        Assert.Contains("takes 2 parameters", messages[1]);
    }

    [Fact]
    public void The_rules_do_not_mistake_the_generated_members_for_the_users()
    {
        // Analyzers see the generated part; the generated Id, Version, UncommittedEvents and Raise
        // must not count as the aggregate's own (today only generated-code suppression hid them).
        var (generated, output) = GeneratorHarness.Run(GeneratorHarness.Compile("Generated", Samples.OrderEvents, Samples.Order));
        Assert.Contains("Shop.Orders.Order.g.cs", generated.Keys);
        var order = output.GetTypeByMetadataName("Shop.Orders.Order")!;
        Assert.NotEmpty(order.GetMembers("Id"));

        var attribute = order.GetAttributes().Single(a => a.AttributeClass!.Name == "AggregateAttribute");

        Assert.Empty(Eventfold.Compiler.AggregateRules.Check(order, attribute));
    }

    [Fact]
    public void The_snapshot_samples_get_exactly_the_diagnostics_for_what_the_generator_skips()
    {
        // The Cart sample's four Apply shapes that its baseline leaves out are exactly the four EVF008s;
        // the three it calls (a base event, a derived event, an interface) are not reported.
        var (generated, output) = GeneratorHarness.Run(GeneratorHarness.Compile("Snapshots", Samples.OrderEvents, Samples.Order, Samples.GlobalCounter, Samples.Cart));
        var reported = AnalyzerHarness.Run(output);

        Assert.All(reported, d => Assert.Equal("EVF008", d.Id));
        Assert.Equal(
            ["private static void Apply(CartViewed e) { }", "private void Apply(CartViewed e, int times) { }", "private Task Apply(string text) => Task.CompletedTask;", "private void Apply(ref decimal amount) { }"],
            reported.Select(d => d.Location.SourceTree!.GetText().Lines.GetLineFromPosition(d.Location.SourceSpan.Start).ToString().Trim()));
        string cart = generated["Shop.Carts.Store+Cart.g.cs"];
        Assert.Equal(3, cart.Split("Apply(e);").Length - 1);
    }
}

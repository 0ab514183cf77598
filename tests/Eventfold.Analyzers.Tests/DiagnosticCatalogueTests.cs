using System.Reflection;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Eventfold.Analyzers.Tests;

/// <summary>Every rule has a doc page, a help link to it and a release-tracking row; the set of rules is the one implemented.</summary>
public sealed class DiagnosticCatalogueTests
{
    private static readonly string[] ImplementedIds = ["EVF001", "EVF002", "EVF003", "EVF004", "EVF005", "EVF006", "EVF007", "EVF008", "EVF009", "EVF010", "EVF011", "EVF012", "EVF013", "EVF014", "EVF015", "EVF016", "EVF017", "EVF018", "EVF019", "EVF020", "EVF021", "EVF022", "EVF023", "EVF024", "EVF025", "EVF026", "EVF027", "EVF028", "EVF029", "EVF030", "EVF031", "EVF040", "EVF041", "EVF042", "EVF043", "EVF044", "EVF045", "EVF050", "EVF051", "EVF052", "EVF053", "EVF054", "EVF060", "EVF061", "EVF062", "EVF063", "EVF064", "EVF065",
        "EVF070", "EVF071",
        "EVF072"];

    public static TheoryData<string> Ids => new(Descriptors().Select(d => d.Id));

    [Fact]
    public void The_descriptors_are_exactly_the_implemented_rules()
    {
        Assert.Equal(ImplementedIds, Descriptors().Select(d => d.Id).Order());

        var identifierConstants = typeof(RuleIdentifiers)
            .GetFields(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)
            .Select(f => (string)f.GetRawConstantValue()!)
            .Order();
        Assert.Equal(ImplementedIds, identifierConstants);
    }

    [Fact]
    public void Every_descriptor_is_reported_by_exactly_one_analyzer()
    {
        var supported = typeof(DiagnosticDescriptors).Assembly.GetTypes()
            .Where(t => typeof(DiagnosticAnalyzer).IsAssignableFrom(t) && !t.IsAbstract && t.GetCustomAttribute<DiagnosticAnalyzerAttribute>() is not null)
            .SelectMany(t => ((DiagnosticAnalyzer)Activator.CreateInstance(t)!).SupportedDiagnostics)
            .Select(d => d.Id)
            .Order();

        Assert.Equal(ImplementedIds, supported);
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Descriptor_has_a_doc_page_and_links_to_it(string id)
    {
        var descriptor = Descriptors().Single(d => d.Id == id);
        var page = Path.Combine(RepositoryRoot(), "docs", "diagnostics", $"{id}.md");

        Assert.True(File.Exists(page), $"{page} is missing");
        Assert.StartsWith($"# {id}: ", File.ReadLines(page).First());
        Assert.Equal($"https://github.com/eventfold/eventfold/blob/main/docs/diagnostics/{id}.md", descriptor.HelpLinkUri);
        Assert.EndsWith($"{id}.md", descriptor.HelpLinkUri);
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Descriptor_is_tracked_as_a_release_with_its_category_and_severity(string id)
    {
        var descriptor = Descriptors().Single(d => d.Id == id);
        var analyzerDirectory = Path.Combine(RepositoryRoot(), "analyzers", "Eventfold.Analyzers");
        var rows = new[] { "AnalyzerReleases.Shipped.md", "AnalyzerReleases.Unshipped.md" }
            .SelectMany(file => File.ReadLines(Path.Combine(analyzerDirectory, file)))
            .Select(line => line.Split('|').Select(cell => cell.Trim()).ToArray())
            .Where(cells => cells.Length >= 3 && cells[0] == id)
            .ToList();

        var row = Assert.Single(rows);
        Assert.Equal(descriptor.Category, row[1]);
        Assert.Equal(descriptor.DefaultSeverity.ToString(), row[2]);
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Descriptor_is_enabled_and_described(string id)
    {
        var descriptor = Descriptors().Single(d => d.Id == id);

        Assert.True(descriptor.IsEnabledByDefault);
        Assert.False(string.IsNullOrWhiteSpace(descriptor.Title.ToString()));
        Assert.False(string.IsNullOrWhiteSpace(descriptor.Description.ToString()));
    }

    private static IEnumerable<DiagnosticDescriptor> Descriptors() =>
        typeof(DiagnosticDescriptors)
            .GetFields(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)
            .Where(f => f.FieldType == typeof(DiagnosticDescriptor))
            .Select(f => (DiagnosticDescriptor)f.GetValue(null)!);

    private static string RepositoryRoot([CallerFilePath] string thisFile = "")
    {
        for (var directory = Path.GetDirectoryName(thisFile); directory is not null; directory = Path.GetDirectoryName(directory))
        {
            if (File.Exists(Path.Combine(directory, "Framework.sln")))
            {
                return directory;
            }
        }

        throw new InvalidOperationException($"No Framework.sln above {thisFile}");
    }
}

using System.Collections.Immutable;
using Eventfold.Generators.Aggregates;
using Eventfold.Generators.Events;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Eventfold.Generators.Tests.Infrastructure;

/// <summary>Builds compilations against the running runtime plus Eventfold.dll and runs both generators over them.</summary>
internal static class GeneratorHarness
{
    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.CSharp12);

    private static readonly Lazy<ImmutableArray<MetadataReference>> LazyReferences = new(LoadReferences);

    public static ImmutableArray<MetadataReference> References => LazyReferences.Value;

    public static CSharpCompilation Compile(string assemblyName, params string[] sources) =>
        CSharpCompilation.Create(
            assemblyName,
            sources.Select((text, i) => CSharpSyntaxTree.ParseText(text, ParseOptions, path: $"Input{i}.cs")),
            References,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

    public static IIncrementalGenerator[] AllGenerators() => [new AggregateGenerator(), new EventRegistryGenerator(), new Eventfold.Generators.Projections.ProjectionGenerator()];

    public static GeneratorDriver CreateDriver(bool trackSteps = false) =>
        CSharpGeneratorDriver.Create(
            AllGenerators().Select(GeneratorExtensions.AsSourceGenerator),
            parseOptions: ParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: trackSteps));

    /// <summary>Runs the generators; returns the generated files by hint name and the updated compilation.</summary>
    public static (IReadOnlyDictionary<string, string> Generated, Compilation Output) Run(CSharpCompilation input)
    {
        var driver = CreateDriver().RunGeneratorsAndUpdateCompilation(input, out var output, out var generatorDiagnostics);
        Assert.Empty(generatorDiagnostics);
        var generated = driver.GetRunResult().Results
            .SelectMany(r => r.GeneratedSources)
            .ToDictionary(s => s.HintName, s => s.SourceText.ToString(), StringComparer.Ordinal);
        return (generated, output);
    }

    /// <summary>Errors and warnings of the compilation, excluding hidden and info diagnostics.</summary>
    public static IReadOnlyList<Diagnostic> Problems(Compilation compilation) =>
        compilation.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();

    private static ImmutableArray<MetadataReference> LoadReferences()
    {
        // The shared framework the tests run on, not the test's own dependencies.
        string runtimeDirectory = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        var paths = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator)
            .Where(p => string.Equals(Path.GetDirectoryName(p), runtimeDirectory, StringComparison.Ordinal))
            .Append(typeof(EventRegistry).Assembly.Location);
        return [.. paths.Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))];
    }
}

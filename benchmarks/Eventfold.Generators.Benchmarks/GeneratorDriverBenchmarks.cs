using System.Collections.Immutable;
using BenchmarkDotNet.Attributes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Eventfold.Generators.Benchmarks;

/// <summary>
/// Every Eventfold generator run by Roslyn's driver over a small and a large project: cold (a new
/// driver, as in a command-line build) and cached (a driver that has seen the project runs again after
/// an edit to a file no generator reads, as an IDE does on each keystroke).
/// </summary>
[MemoryDiagnoser]
public class GeneratorDriverBenchmarks
{
    private static readonly CSharpParseOptions Parse = new(LanguageVersion.Latest);

    private CSharpCompilation _compilation = null!;
    private CSharpCompilation _edited = null!;
    private GeneratorDriver _warm = null!;

    [Params("small", "large")]
    public string Project { get; set; } = "small";

    [GlobalSetup]
    public void Setup()
    {
        var project = Project == "large" ? SyntheticProject.Large : SyntheticProject.Small;
        var trees = project.Files().Select(f => CSharpSyntaxTree.ParseText(f.Source, Parse, f.Path)).ToList();
        _compilation = CSharpCompilation.Create(
            "Shop",
            trees,
            References(),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

        var unrelated = trees.Single(t => t.FilePath == SyntheticProject.UnrelatedFile);
        _edited = _compilation.ReplaceSyntaxTree(unrelated, CSharpSyntaxTree.ParseText(SyntheticProject.Unrelated(1), Parse, SyntheticProject.UnrelatedFile));

        _warm = NewDriver().RunGenerators(_compilation);
        EnsureGenerated(_warm);
    }

    [Benchmark(Baseline = true, Description = "cold run")]
    public GeneratorDriver Cold() => NewDriver().RunGenerators(_compilation);

    [Benchmark(Description = "cached run after an unrelated edit")]
    public GeneratorDriver CachedAfterUnrelatedEdit() => _warm.RunGenerators(_edited);

    /// <summary>Every incremental generator in the generators assembly, so a new one is measured without a change here.</summary>
    private static GeneratorDriver NewDriver()
    {
        var generators = typeof(Eventfold.Generators.Aggregates.AggregateGenerator).Assembly.GetTypes()
            .Where(t => typeof(IIncrementalGenerator).IsAssignableFrom(t) && !t.IsAbstract)
            .Select(t => ((IIncrementalGenerator)Activator.CreateInstance(t)!).AsSourceGenerator())
            .ToArray();
        return CSharpGeneratorDriver.Create(generators, parseOptions: Parse);
    }

    private static ImmutableArray<MetadataReference> References()
    {
        string runtime = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        return Directory.GetFiles(runtime, "*.dll")
            .Where(path => Path.GetFileName(path) is "System.Runtime.dll" or "System.Private.CoreLib.dll" or "netstandard.dll"
                or "System.Collections.dll" or "System.Threading.Tasks.dll" or "System.Linq.dll" or "System.Text.Json.dll")
            .Append(typeof(AggregateAttribute).Assembly.Location)
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .ToImmutableArray();
    }

    /// <summary>A benchmark of generators that produced nothing would measure nothing.</summary>
    private static void EnsureGenerated(GeneratorDriver driver)
    {
        var result = driver.GetRunResult();
        if (result.GeneratedTrees.Length == 0)
        {
            throw new InvalidOperationException("the generators produced no source: the synthetic project is not what they read");
        }
    }
}

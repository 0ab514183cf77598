using System.Collections.Immutable;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Eventfold.Generators.Tests.Infrastructure;

/// <summary>Runs every Eventfold analyzer over a compilation, as a build with the package does after the generators ran.</summary>
internal static class AnalyzerHarness
{
    private static readonly Lazy<ImmutableArray<DiagnosticAnalyzer>> LazyAnalyzers = new(() =>
        [.. typeof(Eventfold.Analyzers.Rules.HandlerShapeAnalyzer).Assembly.GetTypes()
            .Where(t => typeof(DiagnosticAnalyzer).IsAssignableFrom(t) && !t.IsAbstract && t.GetCustomAttribute<DiagnosticAnalyzerAttribute>() is not null)
            .OrderBy(t => t.FullName, StringComparer.Ordinal)
            .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)]);

    public static ImmutableArray<DiagnosticAnalyzer> All => LazyAnalyzers.Value;

    /// <summary>The analyzers' diagnostics, ordered by position.</summary>
    public static IReadOnlyList<Diagnostic> Run(Compilation compilation) =>
        compilation.WithAnalyzers(All).GetAnalyzerDiagnosticsAsync().GetAwaiter().GetResult()
            .OrderBy(d => d.Location.SourceSpan.Start)
            .ToList();
}

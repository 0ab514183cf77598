using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Linq;
using Eventfold.Analyzers.Common;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Eventfold.Analyzers.Rules;

/// <summary>EVF004: two [Event] types in the compilation with the same stored name and version.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class DuplicateEventAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.DuplicateEventNameAndVersion);

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            var eventAttribute = start.Compilation.GetTypeByMetadataName("Eventfold.EventAttribute");
            if (eventAttribute is null)
            {
                return;
            }

            var events = new ConcurrentBag<DeclaredEvent>();
            start.RegisterSymbolAction(
                symbol =>
                {
                    var type = (INamedTypeSymbol)symbol.Symbol;
                    if (type.GetAttribute(eventAttribute) is { } attribute)
                    {
                        events.Add(new DeclaredEvent(type, StoredName(type, attribute), StoredVersion(attribute)));
                    }
                },
                SymbolKind.NamedType);
            start.RegisterCompilationEndAction(end => ReportDuplicates(end, events));
        });
    }

    private static void ReportDuplicates(CompilationAnalysisContext context, ConcurrentBag<DeclaredEvent> events)
    {
        var groups = events
            .GroupBy(e => (e.Name, e.Version))
            .Where(g => g.Count() > 1);
        foreach (var group in groups)
        {
            foreach (var declared in group)
            {
                var others = group
                    .Where(other => !SymbolEqualityComparer.Default.Equals(other.Type, declared.Type))
                    .Select(other => other.Type.ToDisplayString())
                    .OrderBy(name => name, System.StringComparer.Ordinal);
                var location = declared.Type.FirstLocation();
                if (location is null)
                {
                    continue;
                }

                context.ReportDiagnostic(Diagnostic.Create(
                    DiagnosticDescriptors.DuplicateEventNameAndVersion,
                    location,
                    declared.Type.ToDisplayString(),
                    declared.Name,
                    declared.Version,
                    string.Join("', '", others)));
            }
        }
    }

    /// <summary>The stored name: the attribute's first argument, or the type's name when it is absent or null.</summary>
    private static string StoredName(INamedTypeSymbol type, AttributeData attribute) =>
        attribute.ConstructorArguments.Length > 0 && attribute.ConstructorArguments[0].Value is string name
            ? name
            : type.Name;

    private static int StoredVersion(AttributeData attribute)
    {
        foreach (var argument in attribute.NamedArguments)
        {
            if (argument.Key == "Version" && argument.Value.Value is int version)
            {
                return version;
            }
        }

        return 1;
    }

    private sealed record DeclaredEvent(INamedTypeSymbol Type, string Name, int Version);
}

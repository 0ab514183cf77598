using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Linq;
using Eventfold.Analyzers.Common;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Eventfold.Analyzers.Rules;

/// <summary>
/// EVF006: a type the generators add members to ([Aggregate], [Projection], [Saga], [StateReplica],
/// [BoundedDispatcher]) that is not partial, or is nested in a type that is not.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class PartialTypeAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.TypeMustBePartial);

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            var types = EventfoldTypes.From(start.Compilation);
            var generatorAttributes = new[] { types.Aggregate, types.Projection, types.Saga, types.StateReplica, types.BoundedDispatcher }
                .Where(attribute => attribute is not null)
                .Select(attribute => attribute!)
                .ToImmutableArray();
            if (generatorAttributes.IsEmpty)
            {
                return;
            }

            // Two attributed types nested in one non-partial type report it once.
            var reported = new ConcurrentDictionary<Location, bool>();
            start.RegisterSymbolAction(symbol => Analyze(symbol, generatorAttributes, reported), SymbolKind.NamedType);
        });
    }

    private static void Analyze(
        SymbolAnalysisContext context, ImmutableArray<INamedTypeSymbol> generatorAttributes, ConcurrentDictionary<Location, bool> reported)
    {
        var type = (INamedTypeSymbol)context.Symbol;
        var attribute = generatorAttributes.FirstOrDefault(a => type.HasAttribute(a));
        if (attribute is null)
        {
            return;
        }

        var attributeName = attribute.Name.EndsWith("Attribute", System.StringComparison.Ordinal)
            ? attribute.Name.Substring(0, attribute.Name.Length - "Attribute".Length)
            : attribute.Name;

        for (var current = type; current is not null; current = current.ContainingType)
        {
            foreach (var reference in current.DeclaringSyntaxReferences)
            {
                if (reference.GetSyntax(context.CancellationToken) is not TypeDeclarationSyntax declaration
                    || declaration.Modifiers.Any(SyntaxKind.PartialKeyword))
                {
                    continue;
                }

                var location = declaration.Identifier.GetLocation();
                if (!reported.TryAdd(location, true))
                {
                    continue;
                }

                var subject = SymbolEqualityComparer.Default.Equals(current, type) ? $"'{type.Name}'" : $"The containing type '{current.Name}'";
                context.ReportDiagnostic(Diagnostic.Create(
                    DiagnosticDescriptors.TypeMustBePartial, location, subject, attributeName, type.Name));
            }
        }
    }
}

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
/// [BoundedDispatcher]) that is not partial, or a type that is not partial and contains one.
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
            if (!generatorAttributes.IsEmpty)
            {
                start.RegisterSymbolAction(symbol => Analyze(symbol, generatorAttributes), SymbolKind.NamedType);
            }
        });
    }

    private static void Analyze(SymbolAnalysisContext context, ImmutableArray<INamedTypeSymbol> generatorAttributes)
    {
        var type = (INamedTypeSymbol)context.Symbol;
        var declarations = type.DeclaringSyntaxReferences
            .Select(reference => reference.GetSyntax(context.CancellationToken))
            .OfType<TypeDeclarationSyntax>()
            .Where(declaration => !declaration.Modifiers.Any(SyntaxKind.PartialKeyword))
            .ToList();
        if (declarations.Count == 0)
        {
            return;
        }

        // The type itself, or else the first type nested in it (at any depth) that the generators extend.
        string subject;
        INamedTypeSymbol? generated;
        INamedTypeSymbol? attribute = GeneratorAttribute(type, generatorAttributes);
        if (attribute is not null)
        {
            subject = $"'{type.Name}'";
            generated = type;
        }
        else
        {
            generated = FirstGeneratedNestedType(type, generatorAttributes, out attribute);
            subject = $"The containing type '{type.Name}'";
        }

        if (generated is null || attribute is null)
        {
            return;
        }

        var attributeName = attribute.Name.EndsWith("Attribute", System.StringComparison.Ordinal)
            ? attribute.Name.Substring(0, attribute.Name.Length - "Attribute".Length)
            : attribute.Name;
        foreach (var declaration in declarations)
        {
            context.ReportDiagnostic(Diagnostic.Create(
                DiagnosticDescriptors.TypeMustBePartial, declaration.Identifier.GetLocation(), subject, attributeName, generated.Name));
        }
    }

    private static INamedTypeSymbol? GeneratorAttribute(INamedTypeSymbol type, ImmutableArray<INamedTypeSymbol> generatorAttributes) =>
        generatorAttributes.FirstOrDefault(type.HasAttribute);

    private static INamedTypeSymbol? FirstGeneratedNestedType(
        INamedTypeSymbol container, ImmutableArray<INamedTypeSymbol> generatorAttributes, out INamedTypeSymbol? attribute)
    {
        foreach (var nested in container.GetTypeMembers())
        {
            attribute = GeneratorAttribute(nested, generatorAttributes);
            if (attribute is not null)
            {
                return nested;
            }

            if (FirstGeneratedNestedType(nested, generatorAttributes, out attribute) is { } deeper)
            {
                return deeper;
            }
        }

        attribute = null;
        return null;
    }
}

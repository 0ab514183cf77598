using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Eventfold.Compiler;
using Eventfold.Generators.Aggregates;
using Eventfold.Generators.Common;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Eventfold.Generators.Sagas;

/// <summary>
/// Reads a <c>[Saga]</c> class into a <see cref="SagaSpec"/> through <see cref="SagaRules"/>, the reading the
/// analyzers report from. A saga with an error (or not partial, EVF006) yields null: nothing is emitted and
/// the analyzer's message is what the user sees.
/// </summary>
internal static class SagaParser
{
    public const string AttributeName = "Eventfold.SagaAttribute";

    public static bool IsCandidate(SyntaxNode node, CancellationToken _) =>
        node is ClassDeclarationSyntax declaration && declaration.Modifiers.Any(SyntaxKind.PartialKeyword);

    public static SagaSpec? Parse(GeneratorAttributeSyntaxContext context, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        if (context.TargetSymbol is not INamedTypeSymbol type || context.Attributes.Length == 0 || !TypeDeclarations.AllContainingTypesArePartial(context.TargetNode))
        {
            return null;
        }

        var reading = SagaRules.Read(type, context.Attributes[0], ct);
        if (!reading.CanGenerate)
        {
            return null;
        }

        var containing = new List<ContainingTypeSpec>();
        for (var outer = type.ContainingType; outer is not null; outer = outer.ContainingType)
        {
            containing.Insert(0, new ContainingTypeSpec(outer.Name, TypeDeclarations.DeclarationOf(outer)));
        }

        string nesting = string.Join("+", containing.Select(c => c.Name).Concat(new[] { type.Name }));
        string hintName = ((type.ContainingNamespace.IsGlobalNamespace ? "" : type.ContainingNamespace.ToDisplayString() + ".") + nesting).Replace("@", "") + ".Saga.g.cs";

        return new SagaSpec(
            hintName,
            CompilerNames.Namespace(type.ContainingNamespace),
            containing.ToEquatableArray(),
            TypeDeclarations.DeclarationOf(type),
            reading.Name,
            CompilerNames.FullyQualified(reading.DataType!),
            reading.Steps.Select(s => new SagaStepSpec(
                CompilerNames.Identifier(s.Method.Name),
                s.Order,
                s.Compensation is null ? "" : CompilerNames.Identifier(s.Compensation.Name),
                s.Retries,
                s.TimeoutSeconds,
                s.ReturnsData)).ToEquatableArray(),
            reading.StartedBy is null ? "" : CompilerNames.FullyQualified(reading.StartedBy));
    }
}

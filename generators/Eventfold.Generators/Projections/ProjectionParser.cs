using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Eventfold.Compiler;
using Eventfold.Generators.Aggregates;
using Eventfold.Generators.Common;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Eventfold.Generators.Projections;

/// <summary>
/// Reads a <c>[Projection]</c> class into a <see cref="ProjectionSpec"/>. A class with a problem in
/// <see cref="ProjectionRules"/> (EVF030) or one not partial with every enclosing type (EVF006) yields
/// null. Its <c>On</c> methods come from <see cref="OnHandlerReader"/>, the reader EVF008 reports from,
/// so the dispatch calls exactly the methods the analyzer accepts.
/// </summary>
internal static class ProjectionParser
{
    public static bool IsCandidate(SyntaxNode node, CancellationToken _) =>
        node is ClassDeclarationSyntax declaration && declaration.Modifiers.Any(SyntaxKind.PartialKeyword);

    public static ProjectionSpec? Parse(GeneratorAttributeSyntaxContext context, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        if (context.TargetSymbol is not INamedTypeSymbol type
            || context.Attributes.Length == 0
            || !TypeDeclarations.AllContainingTypesArePartial(context.TargetNode)
            || ProjectionRules.Check(type, context.Attributes[0]).Count > 0)
        {
            return null;
        }

        var containing = new List<ContainingTypeSpec>();
        for (var outer = type.ContainingType; outer is not null; outer = outer.ContainingType)
        {
            containing.Insert(0, new ContainingTypeSpec(outer.Name, TypeDeclarations.DeclarationOf(outer)));
        }

        string nesting = string.Join("+", containing.Select(c => c.Name).Concat(new[] { type.Name }));
        string hintName = ((type.ContainingNamespace.IsGlobalNamespace ? "" : type.ContainingNamespace.ToDisplayString() + ".") + nesting).Replace("@", "") + ".Projection.g.cs";

        var found = OnHandlerReader.Read(type, ct);
        var handlers = OnHandlerReader.Accepted(found);
        var parameterTypes = new Dictionary<string, ITypeSymbol>(StringComparer.Ordinal);
        foreach (var f in found)
        {
            if (f.Value.Candidate.IsAccepted && !parameterTypes.ContainsKey(f.Value.Candidate.EventType))
            {
                parameterTypes.Add(f.Value.Candidate.EventType, ((IMethodSymbol)f.Symbol).Parameters[0].Type);
            }
        }

        return new ProjectionSpec(
            hintName,
            CompilerNames.Namespace(type.ContainingNamespace),
            containing.ToEquatableArray(),
            TypeDeclarations.DeclarationOf(type),
            context.Attributes[0].FirstStringArgument()!,
            handlers.Select(h => h.EventName).Distinct(StringComparer.Ordinal).OrderBy(n => n, StringComparer.Ordinal).ToEquatableArray(),
            handlers.Select(h => new OnSpec(h.Candidate.EventType, EventTypeKeys.Of(parameterTypes[h.Candidate.EventType]), h.TakesContext, h.TakesToken, h.Returns)).ToEquatableArray(),
            ProjectionRules.ParallelStreams(context.Attributes[0]));
    }
}

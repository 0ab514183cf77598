using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Eventfold.Compiler;
using Eventfold.Generators.Common;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Eventfold.Generators.Aggregates;

/// <summary>
/// Reads an <c>[Aggregate]</c> class into an <see cref="AggregateSpec"/>. A class with any problem in
/// <see cref="AggregateRules"/> (shared with the analyzers, which report each one), or one that is not
/// partial (EVF006), yields null, and no broken code is emitted.
/// </summary>
internal static class AggregateParser
{
    /// <summary>Syntax-only filter: a partial class or record class.</summary>
    public static bool IsCandidate(SyntaxNode node, CancellationToken _) =>
        node is TypeDeclarationSyntax declaration
        && (declaration is ClassDeclarationSyntax
            || declaration is RecordDeclarationSyntax record && !record.ClassOrStructKeyword.IsKind(SyntaxKind.StructKeyword))
        && declaration.Modifiers.Any(SyntaxKind.PartialKeyword);

    public static AggregateSpec? Parse(GeneratorAttributeSyntaxContext context, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        if (context.TargetSymbol is not INamedTypeSymbol type
            || context.Attributes.Length == 0
            || !TypeDeclarations.AllContainingTypesArePartial(context.TargetNode)
            || AggregateRules.Check(type, context.Attributes[0]).Count > 0)
        {
            return null;
        }

        var attribute = context.Attributes[0];
        var containing = new List<ContainingTypeSpec>();
        for (var outer = type.ContainingType; outer is not null; outer = outer.ContainingType)
        {
            containing.Insert(0, new ContainingTypeSpec(outer.Name, TypeDeclarations.DeclarationOf(outer)));
        }

        string ns = CompilerNames.Namespace(type.ContainingNamespace);
        // '+' between nested types, as in metadata names: "Ns.Outer+Inner" cannot clash with a type "Ns.Outer.Inner".
        string nesting = string.Join("+", containing.Select(c => c.Name).Concat(new[] { type.Name }));
        // Hint names allow no '@': a keyword namespace "@class" is written "class" there.
        string hintName = ((type.ContainingNamespace.IsGlobalNamespace ? "" : type.ContainingNamespace.ToDisplayString() + ".") + nesting).Replace("@", "") + ".g.cs";

        // The same reader the analyzers use: the switch calls exactly the Apply methods EVF008 accepts.
        var found = ApplyHandlerReader.Read(type, ct);
        var applies = ApplyHandlerReader.DispatchOrder(found);
        var parameterTypes = new Dictionary<string, ITypeSymbol>(StringComparer.Ordinal);
        foreach (var f in found)
        {
            if (f.Value.IsAccepted && !parameterTypes.ContainsKey(f.Value.EventType))
            {
                parameterTypes.Add(f.Value.EventType, ((IMethodSymbol)f.Symbol).Parameters[0].Type);
            }
        }

        int snapshotEvery = attribute.NamedInt("SnapshotEvery", 0);
        return new AggregateSpec(
            hintName,
            ns,
            containing.ToEquatableArray(),
            TypeDeclarations.DeclarationOf(type),
            type.ToFullyQualifiedName(),
            attribute.FirstStringArgument()!,
            snapshotEvery,
            applies.Select(a => new ApplySpec(a.EventType, EventTypeKeys.Of(parameterTypes[a.EventType]))).ToEquatableArray(),
            snapshotEvery > 0 ? SnapshotStateReader.Read(type, ct) : null);
    }
}

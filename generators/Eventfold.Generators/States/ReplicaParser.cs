using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Eventfold.Compiler;
using Eventfold.Generators.Aggregates;
using Eventfold.Generators.Common;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Eventfold.Generators.States;

/// <summary>
/// Reads a <c>[StateReplica]</c> record class into a <see cref="StateReplicaSpec"/>. A record that
/// <see cref="ReplicaRules.Check"/> finds a problem with (no public <c>string Id</c> and <c>long Version</c>,
/// no state name, abstract, generic) yields null: the analyzers report the same problems (EVF051).
/// </summary>
internal static class ReplicaParser
{
    public static bool IsCandidate(SyntaxNode node, CancellationToken _) =>
        node is RecordDeclarationSyntax record
        && !record.ClassOrStructKeyword.IsKind(SyntaxKind.StructKeyword)
        && record.Modifiers.Any(SyntaxKind.PartialKeyword);

    public static StateReplicaSpec? Parse(GeneratorAttributeSyntaxContext context, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        if (context.TargetSymbol is not INamedTypeSymbol type
            || context.Attributes.Length == 0
            || ReplicaRules.StateName(context.Attributes[0]) is not { Length: > 0 } stateName
            || !TypeDeclarations.AllContainingTypesArePartial(context.TargetNode)
            || ReplicaRules.Check(type, context.Attributes[0]).Count > 0)
        {
            return null;
        }

        var containing = new List<ContainingTypeSpec>();
        for (var outer = type.ContainingType; outer is not null; outer = outer.ContainingType)
        {
            containing.Insert(0, new ContainingTypeSpec(outer.Name, TypeDeclarations.DeclarationOf(outer)));
        }

        string nesting = string.Join("+", containing.Select(c => c.Name).Concat(new[] { type.Name }));
        string hintName = ((type.ContainingNamespace.IsGlobalNamespace ? "" : type.ContainingNamespace.ToDisplayString() + ".") + nesting).Replace("@", "") + ".Replica.g.cs";
        return new StateReplicaSpec(
            hintName,
            CompilerNames.Namespace(type.ContainingNamespace),
            containing.ToEquatableArray(),
            TypeDeclarations.DeclarationOf(type),
            type.ToFullyQualifiedName(),
            stateName);
    }
}

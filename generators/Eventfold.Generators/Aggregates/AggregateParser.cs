using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Eventfold.Generators.Aggregates;

/// <summary>
/// Reads an <c>[Aggregate]</c> class into an <see cref="AggregateSpec"/>. Classes the generator cannot
/// complete (not partial, generic, nested in a non-partial type, no parameterless constructor) yield
/// null: the analyzers report them, and no broken code is emitted.
/// </summary>
internal static class AggregateParser
{
    private const string ApplyMethodName = "Apply";

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
            || type.IsStatic
            || type.IsAbstract
            || type.IsOrIsNestedInGeneric()
            || !AllContainingTypesArePartial(context.TargetNode)
            || !HasParameterlessConstructor(type))
        {
            return null;
        }

        var attribute = context.Attributes[0];
        string? category = attribute.FirstStringArgument();
        if (string.IsNullOrEmpty(category))
        {
            return null;
        }

        var containing = new List<ContainingTypeSpec>();
        for (var outer = type.ContainingType; outer is not null; outer = outer.ContainingType)
        {
            containing.Insert(0, new ContainingTypeSpec(outer.Name, DeclarationOf(outer)));
        }

        string ns = type.ContainingNamespace.IsGlobalNamespace ? "" : type.ContainingNamespace.ToDisplayString();
        // '+' between nested types, as in metadata names: "Ns.Outer+Inner" cannot clash with a type "Ns.Outer.Inner".
        string nesting = string.Join("+", containing.Select(c => c.Name).Concat(new[] { type.Name }));
        string hintName = (ns.Length > 0 ? ns + "." : "") + nesting + ".g.cs";

        return new AggregateSpec(
            hintName,
            ns,
            containing.ToEquatableArray(),
            DeclarationOf(type),
            type.ToFullyQualifiedName(),
            category!,
            attribute.NamedInt("SnapshotEvery", 0),
            OrderDerivedFirst(ApplyEventTypes(type, ct)).Select(t => new ApplySpec(t.ToFullyQualifiedName())).ToEquatableArray());
    }

    private static bool AllContainingTypesArePartial(SyntaxNode node)
    {
        for (var parent = node.Parent; parent is not null; parent = parent.Parent)
        {
            if (parent is TypeDeclarationSyntax outer && !outer.Modifiers.Any(SyntaxKind.PartialKeyword))
            {
                return false;
            }
        }

        return true;
    }

    // Create() is generated inside the class, so a private constructor is accessible too.
    private static bool HasParameterlessConstructor(INamedTypeSymbol type) =>
        type.InstanceConstructors.Any(c => c.Parameters.All(p => p.IsOptional));

    /// <summary>Event types of every instance <c>void Apply(TEvent e)</c>; other shapes are left to analyzer EVF008.</summary>
    private static List<ITypeSymbol> ApplyEventTypes(INamedTypeSymbol type, CancellationToken ct)
    {
        var result = new List<ITypeSymbol>();
        foreach (var member in type.GetMembers(ApplyMethodName))
        {
            ct.ThrowIfCancellationRequested();
            if (member is IMethodSymbol { IsStatic: false, IsGenericMethod: false, ReturnsVoid: true, MethodKind: MethodKind.Ordinary, Parameters.Length: 1 } method
                && method.Parameters[0] is { RefKind: RefKind.None, Type: var eventType }
                && CanBeMatchedFromObject(eventType))
            {
                result.Add(eventType);
            }
        }

        return result;
    }

    private static bool CanBeMatchedFromObject(ITypeSymbol type) =>
        type.TypeKind is TypeKind.Class or TypeKind.Struct or TypeKind.Interface or TypeKind.Array or TypeKind.Enum or TypeKind.Delegate
        && !type.IsRefLikeType
        && type.OriginalDefinition.SpecialType != SpecialType.System_Nullable_T;

    /// <summary>
    /// Orders event types so none comes after a type it derives from (a base case would swallow it),
    /// breaking ties by name so the output is deterministic.
    /// </summary>
    private static IEnumerable<ITypeSymbol> OrderDerivedFirst(List<ITypeSymbol> types)
    {
        var remaining = types.OrderBy(t => t.ToFullyQualifiedName(), StringComparer.Ordinal).ToList();
        while (remaining.Count > 0)
        {
            // The first type, by name, that no other remaining type derives from.
            int pick = remaining.FindIndex(candidate => !remaining.Any(other => !SymbolEqualityComparer.Default.Equals(other, candidate) && DerivesFrom(other, candidate)));
            if (pick < 0)
            {
                pick = 0;
            }

            yield return remaining[pick];
            remaining.RemoveAt(pick);
        }
    }

    private static bool DerivesFrom(ITypeSymbol type, ITypeSymbol candidateBase)
    {
        if (candidateBase.SpecialType == SpecialType.System_Object)
        {
            return true;
        }

        for (var b = type.BaseType; b is not null; b = b.BaseType)
        {
            if (SymbolEqualityComparer.Default.Equals(b, candidateBase))
            {
                return true;
            }
        }

        return type.AllInterfaces.Any(i => SymbolEqualityComparer.Default.Equals(i, candidateBase));
    }

    private static string DeclarationOf(INamedTypeSymbol type)
    {
        string keyword = type switch
        {
            { IsRecord: true, TypeKind: TypeKind.Struct } => "record struct",
            { IsRecord: true } => "record",
            { TypeKind: TypeKind.Struct } => "struct",
            { TypeKind: TypeKind.Interface } => "interface",
            _ => "class",
        };
        return "partial " + keyword + " " + type.Name;
    }
}

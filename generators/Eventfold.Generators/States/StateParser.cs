using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading;
using Eventfold.Compiler;
using Eventfold.Generators.Aggregates;
using Eventfold.Generators.Common;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Eventfold.Generators.States;

/// <summary>
/// Reads a <c>[PublishesState]</c> aggregate into a <see cref="PublishedStateSpec"/>, with its members from
/// <see cref="StateRules"/> (the analyzers' source too). Yields null for a type the aggregate generator
/// skips (no <c>[Aggregate]</c>, a problem in <see cref="AggregateRules"/>, not partial), so no state
/// record is written for an aggregate that does not exist.
/// </summary>
internal static class StateParser
{
    private static readonly SymbolDisplayFormat ParameterFormat =
        SymbolDisplayFormat.FullyQualifiedFormat.AddMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

    public static bool IsCandidate(SyntaxNode node, CancellationToken ct) => AggregateParser.IsCandidate(node, ct);

    public static PublishedStateSpec? Parse(GeneratorAttributeSyntaxContext context, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        if (context.TargetSymbol is not INamedTypeSymbol type
            || context.Attributes.Length == 0
            || type.FindAttribute(KnownNames.AggregateAttribute) is not { } aggregate
            || !TypeDeclarations.AllContainingTypesArePartial(context.TargetNode)
            || AggregateRules.Check(type, aggregate).Count > 0
            || StateRules.Check(type, context.Attributes[0], ct).Any(p => p.Value.BlocksGeneration))
        {
            return null;
        }

        var containing = new List<ContainingTypeSpec>();
        for (var outer = type.ContainingType; outer is not null; outer = outer.ContainingType)
        {
            containing.Insert(0, new ContainingTypeSpec(outer.Name, TypeDeclarations.DeclarationOf(outer)));
        }

        string nesting = string.Join("+", containing.Select(c => c.Name).Concat(new[] { type.Name }));
        string qualified = (type.ContainingNamespace.IsGlobalNamespace ? "" : type.ContainingNamespace.ToDisplayString() + ".") + nesting;
        var members = StateRules.PublishedMembers(type);
        string recordName = StateRules.StateTypeName(type);
        string aggregateFullName = type.ToFullyQualifiedName();
        string recordFullName = aggregateFullName.Substring(0, aggregateFullName.Length - CompilerNames.Identifier(type.Name).Length) + recordName;
        bool everyTypePublic = IsPublic(type) && members.All(m => IsPublic(m.Type));

        return new PublishedStateSpec(
            qualified.Replace("@", "") + ".State.g.cs",
            CompilerNames.Namespace(type.ContainingNamespace),
            containing.ToEquatableArray(),
            TypeDeclarations.DeclarationOf(type),
            aggregateFullName,
            everyTypePublic ? "public" : "internal",
            recordName,
            recordFullName,
            StateRules.StateName(aggregate.FirstStringArgument()!),
            context.Attributes[0].NamedInt("Version", 1),
            ClassFor("EventfoldStateRegistration_", qualified),
            ClassFor("EventfoldStateJson_", qualified),
            new[] { new StateMemberSpec("Id", "string", RefusesNull: true), new StateMemberSpec("Version", "long", RefusesNull: false) }
                .Concat(members.Select(m => new StateMemberSpec(m.Member.Name, m.Type.ToDisplayString(ParameterFormat), RefusesNull(m.Type))))
                .ToEquatableArray());
    }

    /// <summary>Whether code in any assembly can name the type: it, its containers and its type arguments are public.</summary>
    private static bool IsPublic(ITypeSymbol type)
    {
        switch (type)
        {
            case IArrayTypeSymbol array:
                return IsPublic(array.ElementType);
            case ITypeParameterSymbol:
                return false;
            case INamedTypeSymbol named:
                for (INamedTypeSymbol? current = named; current is not null; current = current.ContainingType)
                {
                    if (current.DeclaredAccessibility != Accessibility.Public)
                    {
                        return false;
                    }
                }

                return named.TypeArguments.All(IsPublic);
            default:
                return type.SpecialType != SpecialType.None;
        }
    }

    private static bool RefusesNull(ITypeSymbol type) =>
        type.IsReferenceType && type.NullableAnnotation == NullableAnnotation.NotAnnotated; // oblivious: allowed, as System.Text.Json does

    private static string ClassFor(string prefix, string qualified)
    {
        var builder = new StringBuilder(prefix);
        foreach (char c in qualified)
        {
            builder.Append(char.IsLetterOrDigit(c) || c == '_' ? c : '_');
        }

        return builder.ToString();
    }
}

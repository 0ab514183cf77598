using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace Eventfold.Compiler;

/// <summary>
/// Names the <c>{Aggregate}State</c> record of a <c>[PublishesState]</c> aggregate while it does not exist yet.
/// The state generator writes that record; the registry generator runs on the same compilation, where an
/// upcaster's parameter or return type naming it is an error type. The record's event name, version and
/// fully qualified name follow from the aggregate alone (as <c>StateParser</c> writes them), so an upcaster
/// to or from the state is read as if the record were there, and its registration names the generated type.
/// </summary>
internal static class PublishedStateTypes
{
    private const string Suffix = "State";

    /// <summary>
    /// True when <paramref name="type"/> is an error type named <c>{Aggregate}State</c> and exactly one
    /// <c>[PublishesState]</c> aggregate named <c>{Aggregate}</c> is in the compilation. With two of that name
    /// (in different namespaces) which one a reference means is not known here: EVF045 reports the upcaster.
    /// </summary>
    public static bool TryResolve(ITypeSymbol type, Compilation compilation, out string name, out int version, out string fullName)
    {
        name = "";
        version = 0;
        fullName = "";
        if (type is not IErrorTypeSymbol error || !error.Name.EndsWith(Suffix, StringComparison.Ordinal) || error.Name.Length == Suffix.Length)
        {
            return false;
        }

        string aggregateName = error.Name.Substring(0, error.Name.Length - Suffix.Length);
        var candidates = Publishers(compilation, aggregateName);
        if (candidates.Count != 1)
        {
            return false; // none (no record is generated: the compiler reports the type), or ambiguous (EVF045)
        }

        var aggregate = candidates[0];
        var attribute = aggregate.GetAttributes().First(a => a.AttributeClass?.ToDisplayString() == StateRules.PublishesStateAttribute);
        name = StateRules.StateName(StateRules.Category(aggregate)!);
        version = attribute.NamedArguments.Where(p => p.Key == "Version" && p.Value.Value is int).Select(p => (int)p.Value.Value!).DefaultIfEmpty(1).First();
        string aggregateFullName = CompilerNames.FullyQualified(aggregate);
        fullName = aggregateFullName.Substring(0, aggregateFullName.Length - CompilerNames.Identifier(aggregate.Name).Length) + StateRules.StateTypeName(aggregate);
        return version >= 1;
    }

    /// <summary>The <c>[PublishesState]</c> aggregates named <paramref name="aggregateName"/>, at most two (one is all a resolution may find).</summary>
    public static List<INamedTypeSymbol> Publishers(Compilation compilation, string aggregateName) =>
        compilation.GetSymbolsWithName(n => n == aggregateName, SymbolFilter.Type)
            .OfType<INamedTypeSymbol>()
            .Where(t => t.Arity == 0 && StateRules.HasAttribute(t, StateRules.PublishesStateAttribute) && StateRules.Category(t) is { Length: > 0 })
            .Take(2)
            .ToList();

    /// <summary>
    /// The aggregate whose generated state <paramref name="type"/> is (the record <c>{Aggregate}State</c> beside a
    /// <c>[PublishesState]</c> aggregate, as the analyzers see it), or null for any other type.
    /// </summary>
    public static INamedTypeSymbol? PublisherOf(ITypeSymbol type)
    {
        if (type is not INamedTypeSymbol { Arity: 0 } named || !named.Name.EndsWith(Suffix, StringComparison.Ordinal) || named.Name.Length == Suffix.Length)
        {
            return null;
        }

        string aggregateName = named.Name.Substring(0, named.Name.Length - Suffix.Length);
        var siblings = named.ContainingType?.GetTypeMembers(aggregateName) ?? named.ContainingNamespace.GetTypeMembers(aggregateName);
        return siblings.FirstOrDefault(t => t.Arity == 0 && StateRules.HasAttribute(t, StateRules.PublishesStateAttribute) && StateRules.Category(t) is { Length: > 0 });
    }
}

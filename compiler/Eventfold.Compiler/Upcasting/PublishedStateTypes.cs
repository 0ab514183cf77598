using System;
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
    /// <c>[PublishesState]</c> aggregate <c>{Aggregate}</c> of the compilation (in the namespace the type is
    /// qualified with, if any) publishes it.
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
        string? qualifier = error.ContainingNamespace is { IsGlobalNamespace: false } ns ? ns.ToDisplayString() : null;
        var candidates = compilation.GetSymbolsWithName(n => n == aggregateName, SymbolFilter.Type)
            .OfType<INamedTypeSymbol>()
            .Where(t => t.Arity == 0 && StateRules.HasAttribute(t, StateRules.PublishesStateAttribute) && StateRules.Category(t) is { Length: > 0 })
            .Where(t => qualifier is null || Qualifier(t) == qualifier)
            .Take(2)
            .ToList();
        if (candidates.Count != 1)
        {
            return false; // none, or ambiguous: EVF045 reports the upcaster
        }

        var aggregate = candidates[0];
        var attribute = aggregate.GetAttributes().First(a => a.AttributeClass?.ToDisplayString() == StateRules.PublishesStateAttribute);
        name = StateRules.StateName(StateRules.Category(aggregate)!);
        version = attribute.NamedArguments.Where(p => p.Key == "Version" && p.Value.Value is int).Select(p => (int)p.Value.Value!).DefaultIfEmpty(1).First();
        string aggregateFullName = CompilerNames.FullyQualified(aggregate);
        fullName = aggregateFullName.Substring(0, aggregateFullName.Length - CompilerNames.Identifier(aggregate.Name).Length) + StateRules.StateTypeName(aggregate);
        return version >= 1;
    }

    /// <summary>What a reference to the record beside <paramref name="aggregate"/> is qualified with: its namespace and containing types.</summary>
    private static string Qualifier(INamedTypeSymbol aggregate) =>
        aggregate.ContainingType is { } outer ? outer.ToDisplayString() : aggregate.ContainingNamespace.ToDisplayString();
}

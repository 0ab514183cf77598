using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace Eventfold.Compiler;

/// <summary>What a <c>[StateReplica]</c> record needs, read by the generator and the analyzers alike.</summary>
internal static class ReplicaRules
{
    /// <summary>A public instance <c>string Id</c> and <c>long Version</c> with public getters: whose state it is, and how new.</summary>
    public static bool HasIdentity(INamedTypeSymbol type) =>
        HasProperty(type, "Id", SpecialType.System_String) && HasProperty(type, "Version", SpecialType.System_Int64);

    /// <summary>The state name a <c>[StateReplica("name")]</c> gives, or null.</summary>
    public static string? StateName(AttributeData attribute) =>
        attribute.ConstructorArguments.Length > 0 ? attribute.ConstructorArguments[0].Value as string : null;

    /// <summary>
    /// Why the generator cannot make the record an <c>IStateReplica</c> (EVF051): it is not a concrete, non-generic
    /// record class, it names no state, or it has no public <c>string Id</c> and <c>long Version</c>. Empty when it can.
    /// </summary>
    public static List<Found<StateProblem>> Check(INamedTypeSymbol type, AttributeData attribute)
    {
        var problems = new List<Found<StateProblem>>();
        void Add(string message) =>
            problems.Add(new Found<StateProblem>(new StateProblem(StateProblemKind.ReplicaCannotBeGenerated, message), type));

        string name = type.Name;
        if (type.TypeKind != TypeKind.Class || !type.IsRecord)
        {
            string what = type.IsRecord ? "a record struct" : type.TypeKind switch
            {
                TypeKind.Interface => "an interface",
                TypeKind.Enum => "an enum",
                var kind => "a " + kind.ToString().ToLowerInvariant(),
            };
            Add($"State replica '{name}' is {what}; a replica is a 'partial record' (a class: StateReplica<T> keeps and replaces whole copies)");
            return problems;
        }

        if (type.IsAbstract)
        {
            Add($"State replica '{name}' is abstract; the replica creates an instance per published state, so remove 'abstract'");
        }

        for (var current = type; current is not null; current = current.ContainingType)
        {
            if (current.TypeParameters.Length > 0)
            {
                Add(SymbolEqualityComparer.Default.Equals(current, type)
                    ? $"State replica '{name}' is generic; one replica copies one published state, so remove its type parameters"
                    : $"State replica '{name}' is nested in the generic type '{current.Name}'; declare it outside '{current.Name}'");
                break;
            }
        }

        if (string.IsNullOrEmpty(StateName(attribute)))
        {
            Add($"[StateReplica] on '{name}' names no published state; give its name, e.g. [StateReplica(\"customer.state\")]");
        }

        foreach (var (member, expected) in new[] { ("Id", SpecialType.System_String), ("Version", SpecialType.System_Int64) })
        {
            if (!HasProperty(type, member, expected))
            {
                string keyword = expected == SpecialType.System_String ? "string" : "long";
                string found = type.GetMembers(member).FirstOrDefault(m => !m.IsStatic) switch
                {
                    IPropertySymbol p when p.Type.SpecialType != expected => $"its '{member}' is '{CompilerNames.Display(p.Type)}'",
                    IPropertySymbol => $"its '{member}' has no public getter",
                    IFieldSymbol => $"its '{member}' is a field",
                    null => $"it has no '{member}'",
                    _ => $"its '{member}' is not a property",
                };
                Add($"State replica '{name}' needs a public '{keyword} {member}' property ({(member == "Id" ? "whose state it is" : "how new it is: older and repeated versions are ignored")}), but {found}; declare '{keyword} {member}'");
            }
        }

        return problems;
    }

    /// <summary>
    /// The replica's members against the published state's (EVF052, EVF053). The state is mapped onto the replica
    /// by member name (JSON, case-insensitive), so a member the state does not carry is never set, and one it carries
    /// as another type fails to read. Types compare without nullable annotations; a member whose state type is declared
    /// by the publisher may have a type of the consumer's own (a copy of that shape), which is not compared.
    /// </summary>
    /// <param name="replica">The <c>[StateReplica]</c> record.</param>
    /// <param name="state">The published members, <c>Id</c> and <c>Version</c> left out.</param>
    /// <param name="stateDescription">How messages name the state, e.g. "'customer.state' (published by 'Customer')".</param>
    public static List<Found<StateProblem>> Compare(INamedTypeSymbol replica, IReadOnlyList<(string Name, ITypeSymbol Type)> state, string stateDescription)
    {
        var problems = new List<Found<StateProblem>>();
        foreach (var (member, type) in ReplicaMembers(replica))
        {
            if (StateRules.IdentityMembers.Contains(member.Name))
            {
                continue;
            }

            var carried = state.Where(s => string.Equals(s.Name, member.Name, StringComparison.OrdinalIgnoreCase)).ToList();
            if (carried.Count == 0)
            {
                string carries = state.Count == 0 ? "only 'Id' and 'Version'" : string.Join(", ", state.Select(s => $"'{s.Name}'"));
                problems.Add(new Found<StateProblem>(new StateProblem(
                    StateProblemKind.ReplicaMemberNotPublished,
                    $"State replica '{replica.Name}' declares '{member.Name}', which the state {stateDescription} does not carry, so it is never set; it carries {carries}"), member));
            }
            else if (!carried.Any(s => SameType(s.Type, type)))
            {
                problems.Add(new Found<StateProblem>(new StateProblem(
                    StateProblemKind.ReplicaMemberTypeDiffers,
                    $"State replica '{replica.Name}' declares '{member.Name}' as '{CompilerNames.Display(type)}', but the state {stateDescription} carries it as '{CompilerNames.Display(carried[0].Type)}'; declare it as '{CompilerNames.Display(carried[0].Type)}'"), member));
            }
        }

        return problems;
    }

    /// <summary>The public instance properties (with a public getter) and fields a published state can set.</summary>
    public static IEnumerable<(ISymbol Member, ITypeSymbol Type)> ReplicaMembers(INamedTypeSymbol type)
    {
        foreach (var member in type.GetMembers())
        {
            if (member.IsStatic || member.DeclaredAccessibility != Accessibility.Public)
            {
                continue;
            }

            switch (member)
            {
                case IPropertySymbol { IsIndexer: false, GetMethod.DeclaredAccessibility: Accessibility.Public } property:
                    yield return (property, property.Type);
                    break;
                case IFieldSymbol { IsConst: false, AssociatedSymbol: null, IsImplicitlyDeclared: false } field:
                    yield return (field, field.Type);
                    break;
            }
        }
    }

    private static bool SameType(ITypeSymbol published, ITypeSymbol replica)
    {
        if (SymbolEqualityComparer.Default.Equals(published, replica))
        {
            return true;
        }

        // The consumer's own copy of a type the publisher declares: its shape is the consumer's to keep.
        return IsDeclaredByUser(published) && IsDeclaredByUser(replica);
    }

    private static bool IsDeclaredByUser(ITypeSymbol type) =>
        type is INamedTypeSymbol { SpecialType: SpecialType.None, IsGenericType: false, TypeKind: TypeKind.Class or TypeKind.Struct or TypeKind.Enum } named
        && !(named.ContainingNamespace?.ToDisplayString() ?? "").StartsWith("System", StringComparison.Ordinal);

    private static bool HasProperty(INamedTypeSymbol type, string name, SpecialType expected) =>
        type.GetMembers(name).OfType<IPropertySymbol>().Any(p =>
            !p.IsStatic && p.DeclaredAccessibility == Accessibility.Public
            && p.GetMethod is { DeclaredAccessibility: Accessibility.Public }
            && p.Type.SpecialType == expected);
}

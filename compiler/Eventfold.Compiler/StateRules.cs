using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;

namespace Eventfold.Compiler;

/// <summary>
/// What a <c>[PublishesState]</c> aggregate publishes, read by the generator (which writes the state record
/// from it) and by the analyzers (EVF010, and the replica checks), so both see the same members.
/// </summary>
internal static class StateRules
{
    public const string PublishesStateAttribute = "Eventfold.PublishesStateAttribute";
    public const string NotPublishedAttribute = "Eventfold.NotPublishedAttribute";
    public const string PersonalDataAttribute = "Eventfold.PersonalDataAttribute";
    public const string StateReplicaAttribute = "Eventfold.StateReplicaAttribute";
    public const string AggregateAttribute = "Eventfold.AggregateAttribute";

    /// <summary>The members every published state starts with, ahead of the aggregate's own.</summary>
    public static readonly string[] IdentityMembers = ["Id", "Version"];

    /// <summary>The event name of a category's state: <c>{category}.state</c>.</summary>
    public static string StateName(string category) => category + ".state";

    /// <summary>The generated record's name: <c>{Aggregate}State</c>.</summary>
    public static string StateTypeName(INamedTypeSymbol aggregate) => aggregate.Name + "State";

    /// <summary>
    /// The aggregate's public state, in declaration order: its public instance properties with a public getter
    /// (no indexers) and public instance fields, leaving out <c>[NotPublished]</c> members and the names the
    /// aggregate generator declares itself.
    /// </summary>
    public static List<(ISymbol Member, ITypeSymbol Type)> PublishedMembers(INamedTypeSymbol aggregate)
    {
        var members = new List<(ISymbol, ITypeSymbol)>();
        foreach (var member in aggregate.GetMembers())
        {
            if (member.IsStatic || member.IsImplicitlyDeclared || member.DeclaredAccessibility != Accessibility.Public
                || AggregateRules.GeneratedMembers.Contains(member.Name) || HasAttribute(member, NotPublishedAttribute))
            {
                continue;
            }

            switch (member)
            {
                case IPropertySymbol { IsIndexer: false, GetMethod.DeclaredAccessibility: Accessibility.Public } property:
                    members.Add((property, property.Type));
                    break;
                case IFieldSymbol { IsConst: false, AssociatedSymbol: null } field:
                    members.Add((field, field.Type));
                    break;
            }
        }

        return members;
    }

    /// <summary>
    /// Every problem of a <c>[PublishesState]</c> type: not an aggregate or a version below 1 (EVF050, the generator
    /// writes no state), and each <c>[PersonalData]</c> member that the state would carry to other services (EVF010).
    /// </summary>
    public static List<Found<StateProblem>> Check(INamedTypeSymbol type, AttributeData publishesState, CancellationToken ct = default)
    {
        var problems = new List<Found<StateProblem>>();
        void Add(StateProblemKind kind, string message, ISymbol? at = null) =>
            problems.Add(new Found<StateProblem>(new StateProblem(kind, message), at ?? type));

        if (!HasAttribute(type, AggregateAttribute))
        {
            Add(StateProblemKind.PublisherIsNotAnAggregate, $"'{type.Name}' has [PublishesState] but no [Aggregate]; only an aggregate's state is published after each save, so add [Aggregate(\"category\")] or remove [PublishesState]");
            return problems;
        }

        int version = publishesState.NamedArguments.Where(p => p.Key == "Version").Select(p => p.Value.Value is int v ? v : 1).DefaultIfEmpty(1).First();
        if (version < 1)
        {
            Add(StateProblemKind.StateVersionNotPositive, $"[PublishesState] on '{type.Name}' has Version = {version}; the state is an event whose schema versions count from 1");
        }

        foreach (var (member, _) in PublishedMembers(type))
        {
            ct.ThrowIfCancellationRequested();
            if (HasAttribute(member, PersonalDataAttribute))
            {
                Add(StateProblemKind.PersonalDataPublished, $"'{member.Name}' of '{type.Name}' is personal data, and the published state '{StateTypeName(type)}' would carry it to every service that reads it; mark it [NotPublished], or remove [PersonalData] if it is not personal", member);
            }
        }

        return problems;
    }

    /// <summary>The category an <c>[Aggregate]</c> names, or null for a type without one.</summary>
    public static string? Category(INamedTypeSymbol type) =>
        type.GetAttributes().FirstOrDefault(a => a.AttributeClass?.ToDisplayString() == AggregateAttribute) is { ConstructorArguments.Length: > 0 } aggregate
            ? aggregate.ConstructorArguments[0].Value as string
            : null;

    public static bool HasAttribute(ISymbol symbol, string metadataName) =>
        symbol.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == metadataName);
}

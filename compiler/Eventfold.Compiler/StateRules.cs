using System.Collections.Generic;
using System.Linq;
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

    public static bool HasAttribute(ISymbol symbol, string metadataName) =>
        symbol.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == metadataName);
}

using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Eventfold.Compiler;
using Microsoft.CodeAnalysis;

namespace Eventfold.Analyzers.Common;

/// <summary>A member whose value Eventfold's generated JSON code writes: a published state's or a snapshot's.</summary>
internal sealed record GeneratedJsonMember(INamedTypeSymbol Aggregate, string Member, ITypeSymbol Type, string Where);

/// <summary>
/// The members Eventfold's generated code writes and reads through the application's JSON metadata: those of
/// each <c>[PublishesState]</c> aggregate (<see cref="StateRules"/>) and each snapshotted aggregate
/// (<see cref="SnapshotRules"/>), read as the generators read them. The generated records themselves bring their
/// own converters (<c>GeneratedJson</c>), so only the members' types must come from the context.
/// </summary>
internal static class GeneratedJsonMembers
{
    public static List<GeneratedJsonMember> Of(Compilation compilation, EventfoldTypes types, CancellationToken ct)
    {
        var found = new List<GeneratedJsonMember>();
        foreach (var type in SourceTypes.All(compilation))
        {
            if (type.GetAttribute(types.Aggregate) is not { } aggregate)
            {
                continue;
            }

            if (types.PublishesState is not null && type.HasAttribute(types.PublishesState))
            {
                found.AddRange(StateRules.PublishedMembers(type).Select(m => new GeneratedJsonMember(type, m.Member.Name, m.Type, "published state")));
            }

            if (aggregate.NamedArguments.FirstOrDefault(a => a.Key == "SnapshotEvery").Value.Value is int every && every > 0 && SnapshotRules.Read(type, ct) is { Problems.Count: 0 } snapshot)
            {
                found.AddRange(snapshot.Members.Select(m => new GeneratedJsonMember(type, m.Name, m.Type, "snapshot")));
            }
        }

        return found;
    }

    /// <summary>Whether the type is served by Eventfold's own context (the primitives), so no application lists it.</summary>
    public static bool IsBuiltIn(ITypeSymbol type)
    {
        if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable)
        {
            type = nullable.TypeArguments[0];
        }

        switch (type.SpecialType)
        {
            case SpecialType.System_String:
            case SpecialType.System_Boolean:
            case SpecialType.System_Byte:
            case SpecialType.System_Int16:
            case SpecialType.System_Int32:
            case SpecialType.System_Int64:
            case SpecialType.System_Single:
            case SpecialType.System_Double:
            case SpecialType.System_Decimal:
            case SpecialType.System_DateTime:
                return true;
        }

        return type.ContainingNamespace?.ToDisplayString() == "System"
            && type.Name is "Guid" or "DateTimeOffset" or "DateOnly" or "TimeOnly" or "TimeSpan" or "Uri";
    }
}

using System.Linq;
using Microsoft.CodeAnalysis;

namespace Eventfold.Compiler;

/// <summary>What a <c>[StateReplica]</c> record needs, read by the generator and the analyzers alike.</summary>
internal static class ReplicaRules
{
    /// <summary>A public instance <c>string Id</c> and <c>long Version</c> with public getters: whose state it is, and how new.</summary>
    public static bool HasIdentity(INamedTypeSymbol type) =>
        HasProperty(type, "Id", SpecialType.System_String) && HasProperty(type, "Version", SpecialType.System_Int64);

    private static bool HasProperty(INamedTypeSymbol type, string name, SpecialType expected) =>
        type.GetMembers(name).OfType<IPropertySymbol>().Any(p =>
            !p.IsStatic && p.DeclaredAccessibility == Accessibility.Public
            && p.GetMethod is { DeclaredAccessibility: Accessibility.Public }
            && p.Type.SpecialType == expected);
}

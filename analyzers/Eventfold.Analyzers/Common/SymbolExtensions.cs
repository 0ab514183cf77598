using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace Eventfold.Analyzers.Common;

internal static class SymbolExtensions
{
    public static bool HasAttribute(this ISymbol symbol, INamedTypeSymbol? attributeType) =>
        symbol.GetAttribute(attributeType) is not null;

    public static AttributeData? GetAttribute(this ISymbol symbol, INamedTypeSymbol? attributeType)
    {
        if (attributeType is null)
        {
            return null;
        }

        foreach (var attribute in symbol.GetAttributes())
        {
            if (SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, attributeType))
            {
                return attribute;
            }
        }

        return null;
    }

    /// <summary>Whether the type can stand for one event or message: a concrete class or struct, not <c>object</c>.</summary>
    public static bool IsConcreteMessageType(this ITypeSymbol type) =>
        type.TypeKind is TypeKind.Class or TypeKind.Struct
        && type.SpecialType != SpecialType.System_Object;

    /// <summary>The methods of the type and its base types with the given name.</summary>
    public static IEnumerable<IMethodSymbol> GetMethodsInHierarchy(this INamedTypeSymbol type, string name)
    {
        for (var current = type; current is not null; current = current.BaseType)
        {
            foreach (var member in current.GetMembers(name))
            {
                if (member is IMethodSymbol method)
                {
                    yield return method;
                }
            }
        }
    }

    public static Location? FirstLocation(this ISymbol symbol) =>
        symbol.Locations.Length > 0 ? symbol.Locations[0] : null;
}

using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Eventfold.Generators;

internal static class SymbolExtensions
{
    /// <summary>"global::Ns.Outer.Name", without nullable annotations (they are not allowed in type patterns).</summary>
    public static string ToFullyQualifiedName(this ITypeSymbol type) =>
        type.WithNullableAnnotation(NullableAnnotation.NotAnnotated).ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);

    /// <summary>True when generated code anywhere in the same assembly can name the symbol.</summary>
    public static bool IsAccessibleInAssembly(this ISymbol symbol)
    {
        for (ISymbol? current = symbol; current is not null and not INamespaceSymbol; current = current.ContainingSymbol)
        {
            if (current.DeclaredAccessibility is not (Accessibility.Public or Accessibility.Internal or Accessibility.ProtectedOrInternal))
            {
                return false;
            }

            if (current is INamedTypeSymbol { IsFileLocal: true })
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>True when the type or any type containing it has type parameters.</summary>
    public static bool IsOrIsNestedInGeneric(this INamedTypeSymbol type)
    {
        for (INamedTypeSymbol? current = type; current is not null; current = current.ContainingType)
        {
            if (current.TypeParameters.Length > 0)
            {
                return true;
            }
        }

        return false;
    }

    public static AttributeData? FindAttribute(this ISymbol symbol, string metadataName)
    {
        foreach (var attribute in symbol.GetAttributes())
        {
            if (attribute.AttributeClass?.ToDisplayString() == metadataName)
            {
                return attribute;
            }
        }

        return null;
    }

    public static int NamedInt(this AttributeData attribute, string name, int fallback)
    {
        foreach (var pair in attribute.NamedArguments)
        {
            if (pair.Key == name && pair.Value.Value is int value)
            {
                return value;
            }
        }

        return fallback;
    }

    /// <summary>The first constructor argument as a string, or null when absent or null.</summary>
    public static string? FirstStringArgument(this AttributeData attribute) =>
        attribute.ConstructorArguments.Length > 0 ? attribute.ConstructorArguments[0].Value as string : null;

    /// <summary>A C# string literal, escaped.</summary>
    public static string ToLiteral(this string value) => SymbolDisplay.FormatLiteral(value, quote: true);
}

using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Eventfold.Compiler;

/// <summary>How types and names are written, in generated code and in messages.</summary>
internal static class CompilerNames
{
    private static readonly SymbolDisplayFormat MessageFormat = SymbolDisplayFormat.MinimallyQualifiedFormat;

    /// <summary>"global::Ns.Outer.Name" with keywords escaped ("global::@class.@event"), without nullable annotations (not allowed in type patterns).</summary>
    public static string FullyQualified(ITypeSymbol type) =>
        type.WithNullableAnnotation(NullableAnnotation.NotAnnotated).ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);

    /// <summary>The type as a message shows it: "OrderPlaced", "List&lt;int&gt;".</summary>
    public static string Display(ITypeSymbol type) =>
        type.WithNullableAnnotation(NullableAnnotation.NotAnnotated).ToDisplayString(MessageFormat);

    /// <summary>A name usable as a C# identifier: a keyword gets '@' ("event" becomes "@event").</summary>
    public static string Identifier(string name) =>
        SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None ? "@" + name : name;

    /// <summary>The namespace as a C# declaration writes it, each part escaped; empty for the global namespace.</summary>
    public static string Namespace(INamespaceSymbol? ns)
    {
        var parts = new List<string>();
        for (var current = ns; current is { IsGlobalNamespace: false }; current = current.ContainingNamespace)
        {
            parts.Insert(0, Identifier(current.Name));
        }

        return string.Join(".", parts);
    }
}

using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Eventfold.Compiler;

namespace Eventfold.Generators.Common;

/// <summary>How every generator re-declares a user's partial type and the types it is nested in.</summary>
internal static class TypeDeclarations
{
    /// <summary>Whether every type <paramref name="node"/> is nested in is partial, so a generated part can be added.</summary>
    public static bool AllContainingTypesArePartial(SyntaxNode node)
    {
        for (var parent = node.Parent; parent is not null; parent = parent.Parent)
        {
            if (parent is TypeDeclarationSyntax outer && !outer.Modifiers.Any(SyntaxKind.PartialKeyword))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The declaration a generated part opens with, such as <c>partial record Order</c>.</summary>
    public static string DeclarationOf(INamedTypeSymbol type)
    {
        string keyword = type switch
        {
            { IsRecord: true, TypeKind: TypeKind.Struct } => "record struct",
            { IsRecord: true } => "record",
            { TypeKind: TypeKind.Struct } => "struct",
            { TypeKind: TypeKind.Interface } => "interface",
            _ => "class",
        };
        return "partial " + keyword + " " + CompilerNames.Identifier(type.Name);
    }
}

using System.Linq;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Eventfold.CodeFixes;

/// <summary>Finds an attribute by its short name and writes a sibling the way the user wrote it (qualified, with or without the suffix).</summary>
internal static class AttributeNames
{
    private const string Suffix = "Attribute";

    /// <summary>Whether <paramref name="attribute"/> is written as <paramref name="shortName"/>, with or without its namespace and suffix.</summary>
    public static bool Is(AttributeSyntax attribute, string shortName)
    {
        string last = LastIdentifier(attribute.Name);
        return last == shortName || last == shortName + Suffix;
    }

    /// <summary>
    /// The name of the attribute <paramref name="shortName"/> written like <paramref name="sibling"/>: "Step" gives
    /// "NoCompensation", "Eventfold.StepAttribute" gives "Eventfold.NoCompensationAttribute".
    /// </summary>
    public static NameSyntax Like(AttributeSyntax sibling, string siblingShortName, string shortName)
    {
        string written = sibling.Name.ToString();
        string last = LastIdentifier(sibling.Name);
        string qualifier = written.Substring(0, written.Length - last.Length);
        string suffix = last == siblingShortName + Suffix ? Suffix : "";
        return SyntaxFactory.ParseName(qualifier + shortName + suffix);
    }

    /// <summary>The list with <paramref name="added"/> right after <paramref name="existing"/>, separated by ", ".</summary>
    public static AttributeListSyntax InsertAfter(AttributeListSyntax list, AttributeSyntax existing, AttributeSyntax added)
    {
        int index = list.Attributes.IndexOf(existing) + 1;
        var nodes = list.Attributes.ToList();
        var separators = list.Attributes.GetSeparators().ToList();
        nodes.Insert(index, added);
        separators.Insert(index - 1, SyntaxFactory.Token(SyntaxKind.CommaToken).WithTrailingTrivia(SyntaxFactory.Space));
        return list.WithAttributes(SyntaxFactory.SeparatedList(nodes, separators));
    }

    private static string LastIdentifier(NameSyntax name) => name switch
    {
        QualifiedNameSyntax qualified => qualified.Right.Identifier.ValueText,
        AliasQualifiedNameSyntax alias => alias.Name.Identifier.ValueText,
        SimpleNameSyntax simple => simple.Identifier.ValueText,
        _ => name.ToString(),
    };
}

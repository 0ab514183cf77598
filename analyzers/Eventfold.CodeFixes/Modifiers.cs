using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Eventfold.CodeFixes;

/// <summary>Adds a modifier keyword to a declaration's modifier list, keeping its trivia in place.</summary>
internal static class Modifiers
{
    /// <summary>
    /// Adds <paramref name="kind"/> to <paramref name="modifiers"/>, before 'partial' (which must stay
    /// last) or else at the end. <paramref name="next"/> is the token after the modifiers; when there
    /// were none, the new keyword takes over its leading trivia (indentation, comments).
    /// </summary>
    public static (SyntaxTokenList Modifiers, SyntaxToken Next) Add(SyntaxTokenList modifiers, SyntaxToken next, SyntaxKind kind)
    {
        if (modifiers.Count == 0)
        {
            var first = SyntaxFactory.Token(next.LeadingTrivia, kind, SyntaxFactory.TriviaList(SyntaxFactory.Space));
            return (SyntaxFactory.TokenList(first), next.WithLeadingTrivia(SyntaxFactory.TriviaList()));
        }

        var token = SyntaxFactory.Token(kind).WithTrailingTrivia(SyntaxFactory.Space);
        var partialIndex = modifiers.IndexOf(SyntaxKind.PartialKeyword);
        if (partialIndex < 0 || kind == SyntaxKind.PartialKeyword)
        {
            return (modifiers.Add(token), next);
        }

        if (partialIndex == 0)
        {
            // The new keyword becomes the first one, so it takes 'partial''s leading trivia.
            var partial = modifiers[0];
            token = token.WithLeadingTrivia(partial.LeadingTrivia);
            modifiers = modifiers.Replace(partial, partial.WithLeadingTrivia(SyntaxFactory.TriviaList()));
        }

        return (modifiers.Insert(partialIndex, token), next);
    }
}

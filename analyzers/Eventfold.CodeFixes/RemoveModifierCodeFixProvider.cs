using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading.Tasks;
using Eventfold.Analyzers;
using Eventfold.Analyzers.Common;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Eventfold.CodeFixes;

/// <summary>
/// EVF011 (static or abstract aggregate), EVF013 (required member of an aggregate) and EVF015 (static
/// event class): removes the modifier the diagnostic names, keeping the declaration's trivia.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(RemoveModifierCodeFixProvider)), Shared]
public sealed class RemoveModifierCodeFixProvider : CodeFixProvider
{
    // One key for every modifier, so Fix All removes each diagnostic's own modifier in one pass.
    private const string EquivalenceKey = "Eventfold.RemoveModifier";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(
        RuleIdentifiers.AggregateCannotBeGenerated, RuleIdentifiers.AggregateHasRequiredMember, RuleIdentifiers.EventCannotBeRegistered);

    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        foreach (var diagnostic in context.Diagnostics)
        {
            if (root is null
                || !diagnostic.Properties.TryGetValue(DiagnosticProperties.Fix, out var fix) || fix != DiagnosticProperties.FixRemoveModifier
                || !diagnostic.Properties.TryGetValue(DiagnosticProperties.Modifier, out var modifier) || modifier is null)
            {
                continue;
            }

            var declaration = root.FindToken(diagnostic.Location.SourceSpan.Start).Parent?.AncestorsAndSelf()
                .OfType<MemberDeclarationSyntax>()
                .FirstOrDefault(d => d.Modifiers.Any(m => m.ValueText == modifier));
            if (declaration is null)
            {
                continue;
            }

            context.RegisterCodeFix(
                CodeAction.Create(
                    $"Remove '{modifier}'",
                    _ => Task.FromResult(context.Document.WithSyntaxRoot(root.ReplaceNode(declaration, Without(declaration, modifier)))),
                    EquivalenceKey),
                diagnostic);
        }
    }

    private static MemberDeclarationSyntax Without(MemberDeclarationSyntax declaration, string modifier)
    {
        var modifiers = declaration.Modifiers;
        int index = modifiers.IndexOf(modifiers.First(m => m.ValueText == modifier));
        var removed = modifiers[index];
        modifiers = modifiers.RemoveAt(index);
        if (index < modifiers.Count)
        {
            // The next modifier takes the removed one's place, and its indentation or comments.
            modifiers = modifiers.Replace(modifiers[index], modifiers[index].WithLeadingTrivia(removed.LeadingTrivia));
            return declaration.WithModifiers(modifiers);
        }

        if (index > 0)
        {
            return declaration.WithModifiers(modifiers);
        }

        // It was the only modifier: the keyword or type after it takes its leading trivia.
        var next = removed.GetNextToken();
        var moved = declaration.ReplaceToken(next, next.WithLeadingTrivia(removed.LeadingTrivia.AddRange(next.LeadingTrivia)));
        return moved.WithModifiers(moved.Modifiers.RemoveAt(index));
    }
}

using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Eventfold.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Eventfold.CodeFixes;

/// <summary>EVF010: keeps a personal-data member out of the published state with [NotPublished], beside its [PersonalData].</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AddNotPublishedCodeFixProvider)), Shared]
public sealed class AddNotPublishedCodeFixProvider : CodeFixProvider
{
    private const string EquivalenceKey = "EVF010.AddNotPublished";
    private const string PersonalData = "PersonalData";
    private const string NotPublished = "NotPublished";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIdentifiers.PersonalDataPublished);

    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        foreach (var diagnostic in context.Diagnostics)
        {
            // [NotPublished] goes beside [PersonalData], written the same way: the two belong together. (Without
            // [PersonalData] in this declaration, on another part of a partial property, there is no fix.)
            if (root?.FindToken(diagnostic.Location.SourceSpan.Start).Parent?.FirstAncestorOrSelf<MemberDeclarationSyntax>() is not { } member
                || member is not (PropertyDeclarationSyntax or FieldDeclarationSyntax)
                || member.AttributeLists.SelectMany(list => list.Attributes).FirstOrDefault(a => AttributeNames.Is(a, PersonalData)) is not { Parent: AttributeListSyntax } personal)
            {
                continue;
            }

            context.RegisterCodeFix(
                CodeAction.Create("Keep it out of the published state with [NotPublished]", ct => AddAsync(context.Document, personal, ct), EquivalenceKey),
                diagnostic);
        }
    }

    private static async Task<Document> AddAsync(Document document, AttributeSyntax personal, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        if (root is null || personal.Parent is not AttributeListSyntax list)
        {
            return document;
        }

        var notPublished = SyntaxFactory.Attribute(AttributeNames.Like(personal, PersonalData, NotPublished));
        return document.WithSyntaxRoot(root.ReplaceNode(list, AttributeNames.InsertAfter(list, personal, notPublished)));
    }
}

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
            if (root?.FindToken(diagnostic.Location.SourceSpan.Start).Parent?.FirstAncestorOrSelf<MemberDeclarationSyntax>() is not { } member
                || member is not (PropertyDeclarationSyntax or FieldDeclarationSyntax))
            {
                continue;
            }

            context.RegisterCodeFix(
                CodeAction.Create("Keep it out of the published state with [NotPublished]", ct => AddAsync(context.Document, member, ct), EquivalenceKey),
                diagnostic);
        }
    }

    private static async Task<Document> AddAsync(Document document, MemberDeclarationSyntax member, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return document;
        }

        // Beside [PersonalData], written the same way: the two belong together.
        var personal = member.AttributeLists.SelectMany(list => list.Attributes).FirstOrDefault(a => AttributeNames.Is(a, PersonalData));
        MemberDeclarationSyntax updated;
        if (personal?.Parent is AttributeListSyntax list)
        {
            var notPublished = SyntaxFactory.Attribute(AttributeNames.Like(personal, PersonalData, NotPublished));
            updated = member.ReplaceNode(list, AttributeNames.InsertAfter(list, personal, notPublished));
        }
        else
        {
            var newList = SyntaxFactory.AttributeList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Attribute(SyntaxFactory.IdentifierName(NotPublished))))
                .WithLeadingTrivia(member.GetLeadingTrivia())
                .WithTrailingTrivia(SyntaxFactory.Space);
            updated = member.WithoutLeadingTrivia().WithAttributeLists(member.AttributeLists.Insert(0, newList));
        }

        return document.WithSyntaxRoot(root.ReplaceNode(member, updated));
    }
}

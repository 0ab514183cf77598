using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading.Tasks;
using Eventfold.Analyzers;
using Eventfold.Analyzers.Common;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;

namespace Eventfold.CodeFixes;

/// <summary>
/// EVF012: adds a private parameterless constructor, which the generated Create(id) uses. Not offered
/// for a primary constructor, which a parameterless one would have to call with values only the
/// user knows.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AddParameterlessConstructorCodeFixProvider)), Shared]
public sealed class AddParameterlessConstructorCodeFixProvider : CodeFixProvider
{
    private const string EquivalenceKey = "EVF012.AddConstructor";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIdentifiers.AggregateNeedsParameterlessConstructor);

    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        foreach (var diagnostic in context.Diagnostics)
        {
            if (root is null
                || !diagnostic.Properties.TryGetValue(DiagnosticProperties.Fix, out var fix) || fix != DiagnosticProperties.FixAddConstructor
                || root.FindToken(diagnostic.Location.SourceSpan.Start).Parent is not TypeDeclarationSyntax type)
            {
                continue;
            }

            context.RegisterCodeFix(
                CodeAction.Create(
                    $"Add a private parameterless constructor to '{type.Identifier.ValueText}'",
                    _ => Task.FromResult(context.Document.WithSyntaxRoot(root.ReplaceNode(type, WithConstructor(type)))),
                    EquivalenceKey),
                diagnostic);
        }
    }

    /// <summary>The new constructor goes before the first existing one, or first in the type.</summary>
    private static TypeDeclarationSyntax WithConstructor(TypeDeclarationSyntax type)
    {
        var constructor = SyntaxFactory.ConstructorDeclaration(type.Identifier.WithoutTrivia())
            .WithModifiers(SyntaxFactory.TokenList(SyntaxFactory.Token(SyntaxKind.PrivateKeyword)))
            .WithParameterList(SyntaxFactory.ParameterList())
            .WithBody(SyntaxFactory.Block())
            .WithAdditionalAnnotations(Formatter.Annotation);
        var first = type.Members.OfType<ConstructorDeclarationSyntax>().FirstOrDefault();
        int index = first is null ? 0 : type.Members.IndexOf(first);
        return type.WithMembers(type.Members.Insert(index, constructor));
    }
}

using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using Eventfold.Analyzers;
using Eventfold.Analyzers.Common;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Simplification;

namespace Eventfold.CodeFixes;

/// <summary>
/// EVF001: setter to 'init', field to 'readonly', record struct to 'readonly record struct', and a
/// mutable collection type to its read-only interface. All share one equivalence key so that Fix All
/// makes an event immutable in one pass.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(MakeEventImmutableCodeFixProvider)), Shared]
public sealed class MakeEventImmutableCodeFixProvider : CodeFixProvider
{
    private const string EquivalenceKey = "EVF001.MakeImmutable";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIdentifiers.MutableEvent);

    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return;
        }

        foreach (var diagnostic in context.Diagnostics)
        {
            var action = diagnostic.Properties.TryGetValue(DiagnosticProperties.Fix, out var fix)
                ? CreateAction(context.Document, root, diagnostic, fix)
                : null;
            if (action is not null)
            {
                context.RegisterCodeFix(action, diagnostic);
            }
        }
    }

    private static CodeAction? CreateAction(Document document, SyntaxNode root, Diagnostic diagnostic, string? fix)
    {
        var span = diagnostic.Location.SourceSpan;
        switch (fix)
        {
            case DiagnosticProperties.FixSetterToInit
                when root.FindToken(span.Start).Parent is AccessorDeclarationSyntax accessor:
                return Create("Use 'init' instead of 'set'", document, root, accessor, SetterToInit(accessor));

            case DiagnosticProperties.FixFieldToReadonly
                when root.FindToken(span.Start).Parent?.Parent?.Parent is FieldDeclarationSyntax field
                     && !field.Modifiers.Any(SyntaxKind.VolatileKeyword):
                var (fieldModifiers, type) = Modifiers.Add(field.Modifiers, field.Declaration.Type.GetFirstToken(), SyntaxKind.ReadOnlyKeyword);
                var readonlyField = field.ReplaceToken(field.Declaration.Type.GetFirstToken(), type).WithModifiers(fieldModifiers);
                return Create("Make the field readonly", document, root, field, readonlyField);

            case DiagnosticProperties.FixReadonlyRecordStruct
                when root.FindToken(span.Start).Parent?.FirstAncestorOrSelf<RecordDeclarationSyntax>() is { } record:
                var (recordModifiers, keyword) = Modifiers.Add(record.Modifiers, record.Keyword, SyntaxKind.ReadOnlyKeyword);
                return Create("Make the record struct readonly", document, root, record, record.WithKeyword(keyword).WithModifiers(recordModifiers));

            case DiagnosticProperties.FixReadOnlyCollection
                when diagnostic.Properties.TryGetValue(DiagnosticProperties.ReplacementType, out var replacement)
                     && replacement is not null
                     && root.FindNode(span, getInnermostNodeForTie: true) is TypeSyntax collection
                     && ReadOnlyCollectionType(collection, replacement) is { } readOnly:
                return CodeAction.Create(
                    $"Use '{replacement}'",
                    cancellationToken => ReplaceTypeAsync(document, collection, readOnly, cancellationToken),
                    EquivalenceKey);

            default:
                return null;
        }
    }

    private static CodeAction Create(string title, Document document, SyntaxNode root, SyntaxNode oldNode, SyntaxNode newNode) =>
        CodeAction.Create(title, _ => Task.FromResult(document.WithSyntaxRoot(root.ReplaceNode(oldNode, newNode))), EquivalenceKey);

    private static AccessorDeclarationSyntax SetterToInit(AccessorDeclarationSyntax setter) =>
        SyntaxFactory.AccessorDeclaration(
            SyntaxKind.InitAccessorDeclaration,
            setter.AttributeLists,
            setter.Modifiers,
            SyntaxFactory.Token(setter.Keyword.LeadingTrivia, SyntaxKind.InitKeyword, setter.Keyword.TrailingTrivia),
            setter.Body,
            setter.ExpressionBody,
            setter.SemicolonToken);

    /// <summary>
    /// <c>List&lt;T&gt;</c> or <c>T[]</c> becomes <c>IReadOnlyList&lt;T&gt;</c>, keeping the element type
    /// as written. Written fully qualified, then simplified, so that a using directive is added if needed.
    /// </summary>
    private static TypeSyntax? ReadOnlyCollectionType(TypeSyntax collection, string replacement)
    {
        var typeArguments = collection switch
        {
            ArrayTypeSyntax array => SyntaxFactory.SeparatedList(new[] { array.ElementType.WithoutTrivia() }),
            GenericNameSyntax generic => generic.TypeArgumentList.Arguments,
            QualifiedNameSyntax { Right: GenericNameSyntax generic } => generic.TypeArgumentList.Arguments,
            AliasQualifiedNameSyntax { Name: GenericNameSyntax generic } => generic.TypeArgumentList.Arguments,
            _ => default,
        };
        if (typeArguments.Count == 0)
        {
            return null;
        }

        var name = SyntaxFactory.GenericName(SyntaxFactory.Identifier(replacement), SyntaxFactory.TypeArgumentList(typeArguments));
        return SyntaxFactory.QualifiedName(SyntaxFactory.ParseName("global::System.Collections.Generic"), name)
            .WithTriviaFrom(collection)
            .WithAdditionalAnnotations(Simplifier.Annotation);
    }

    private static async Task<Document> ReplaceTypeAsync(Document document, TypeSyntax collection, TypeSyntax readOnly, CancellationToken cancellationToken)
    {
        var editor = await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false);
        editor.ReplaceNode(collection, readOnly.WithAdditionalAnnotations(ImportsAnnotation));

        // 'Items { get; init; } = new();' cannot create an interface: name the collection it was.
        if (TargetTypedInitializer(collection) is { } creation)
        {
            editor.ReplaceNode(
                creation,
                SyntaxFactory.ObjectCreationExpression(
                        creation.NewKeyword.WithTrailingTrivia(SyntaxFactory.Space),
                        collection.WithoutTrivia(),
                        creation.ArgumentList,
                        creation.Initializer)
                    .WithTriviaFrom(creation));
        }

        var changed = editor.GetChangedDocument();
        return await ImportAdder.AddImportsAsync(changed, ImportsAnnotation, cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    private static readonly SyntaxAnnotation ImportsAnnotation = new(nameof(MakeEventImmutableCodeFixProvider));

    private static ImplicitObjectCreationExpressionSyntax? TargetTypedInitializer(TypeSyntax collection)
    {
        var declared = collection.Parent is NullableTypeSyntax nullable ? nullable : collection;
        var initializer = declared.Parent switch
        {
            PropertyDeclarationSyntax property => property.Initializer,
            VariableDeclarationSyntax { Variables.Count: 1 } variable => variable.Variables[0].Initializer,
            ParameterSyntax parameter => parameter.Default,
            _ => null,
        };
        return initializer?.Value as ImplicitObjectCreationExpressionSyntax;
    }
}

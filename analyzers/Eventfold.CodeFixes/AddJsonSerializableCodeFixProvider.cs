using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Eventfold.Analyzers;
using Eventfold.Analyzers.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Eventfold.CodeFixes;

/// <summary>
/// EVF070 and EVF072: adds <c>[JsonSerializable(typeof(T))]</c> to the application's context, below the ones it has,
/// for a missing event type or a published state's or snapshot's member type.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AddJsonSerializableCodeFixProvider)), Shared]
public sealed class AddJsonSerializableCodeFixProvider : CodeFixProvider
{
    private const string EquivalenceKey = "EVF070.AddJsonSerializable";
    private const string AttributeMetadataName = "System.Text.Json.Serialization.JsonSerializableAttribute";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(
        RuleIdentifiers.EventMissingFromJsonContext, RuleIdentifiers.GeneratedMemberMissingFromJsonContext);

    // Every diagnostic of one context lands on the same declaration: the batch fixer's merge would drop all
    // but one of the added lists, so Fix All adds them together.
    public override FixAllProvider GetFixAllProvider() => FixAllProvider.Create(
        async (_, document, diagnostics) => await AddAsync(document, diagnostics, CancellationToken.None).ConfigureAwait(false));

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        foreach (var diagnostic in context.Diagnostics)
        {
            if (model is null || Declaration(root, diagnostic) is not { } declaration || MissingType(model, declaration, diagnostic) is not { } missing)
            {
                continue;
            }

            string name = missing.ToMinimalDisplayString(model, declaration.SpanStart);
            context.RegisterCodeFix(
                CodeAction.Create($"Add [JsonSerializable(typeof({name}))]", ct => AddAsync(context.Document, ImmutableArray.Create(diagnostic), ct), EquivalenceKey),
                diagnostic);
        }
    }

    private static async Task<Document> AddAsync(Document document, ImmutableArray<Diagnostic> diagnostics, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        if (root is null || model?.Compilation.GetTypeByMetadataName(AttributeMetadataName) is not { } attributeType)
        {
            return document;
        }

        var added = new Dictionary<TypeDeclarationSyntax, List<ITypeSymbol>>();
        foreach (var diagnostic in diagnostics.OrderBy(d => d.GetMessage(System.Globalization.CultureInfo.InvariantCulture), System.StringComparer.Ordinal))
        {
            if (Declaration(root, diagnostic) is { } declaration && MissingType(model, declaration, diagnostic) is { } missing)
            {
                if (!added.TryGetValue(declaration, out var types))
                {
                    added[declaration] = types = new List<ITypeSymbol>();
                }

                if (!types.Contains(missing, SymbolEqualityComparer.Default))
                {
                    types.Add(missing);
                }
            }
        }

        var fixedRoot = root.ReplaceNodes(added.Keys, (original, _) =>
        {
            int position = original.SpanStart;
            string attributeName = attributeType.ToMinimalDisplayString(model, position);
            attributeName = attributeName.EndsWith("Attribute", System.StringComparison.Ordinal) ? attributeName.Substring(0, attributeName.Length - "Attribute".Length) : attributeName;
            var lists = added[original].Select(t => Serializable(attributeName, t.ToMinimalDisplayString(model, position)));
            return WithListsAdded(original, lists);
        });
        return document.WithSyntaxRoot(fixedRoot);
    }

    /// <summary>The type to add: named by metadata name (EVF070) or, possibly a constructed generic, in C# (EVF072).</summary>
    private static ITypeSymbol? MissingType(SemanticModel model, TypeDeclarationSyntax declaration, Diagnostic diagnostic)
    {
        if (diagnostic.Properties.TryGetValue(JsonContextAnalyzer.MissingTypeProperty, out var metadataName) && metadataName is not null)
        {
            return model.Compilation.GetTypeByMetadataName(metadataName);
        }

        return diagnostic.Properties.TryGetValue(JsonContextAnalyzer.MissingTypeSyntaxProperty, out var syntax) && syntax is not null
            ? model.GetSpeculativeTypeInfo(declaration.SpanStart, SyntaxFactory.ParseTypeName(syntax), SpeculativeBindingOption.BindAsTypeOrNamespace).Type
            : null;
    }

    private static TypeDeclarationSyntax? Declaration(SyntaxNode? root, Diagnostic diagnostic) =>
        root?.FindToken(diagnostic.Location.SourceSpan.Start).Parent?.FirstAncestorOrSelf<TypeDeclarationSyntax>();

    private static AttributeListSyntax Serializable(string attributeName, string typeName) =>
        SyntaxFactory.AttributeList(SyntaxFactory.SingletonSeparatedList(
            SyntaxFactory.Attribute(
                SyntaxFactory.ParseName(attributeName),
                SyntaxFactory.AttributeArgumentList(SyntaxFactory.SingletonSeparatedList(
                    SyntaxFactory.AttributeArgument(SyntaxFactory.TypeOfExpression(SyntaxFactory.ParseTypeName(typeName))))))));

    /// <summary>The new lists, a line each, after the last [JsonSerializable] list, else after all attribute lists.</summary>
    private static TypeDeclarationSyntax WithListsAdded(TypeDeclarationSyntax declaration, IEnumerable<AttributeListSyntax> lists)
    {
        var indentation = SyntaxFactory.TriviaList(declaration.GetLeadingTrivia().Reverse().TakeWhile(t => t.IsKind(SyntaxKind.WhitespaceTrivia)).Reverse());
        var newLine = declaration.GetLeadingTrivia().Concat(declaration.DescendantTrivia()).FirstOrDefault(t => t.IsKind(SyntaxKind.EndOfLineTrivia));
        var endOfLine = newLine.IsKind(SyntaxKind.EndOfLineTrivia) ? newLine : SyntaxFactory.EndOfLine("\n");
        var laidOut = lists.Select(l => l.WithLeadingTrivia(indentation).WithTrailingTrivia(endOfLine)).ToList();

        var existing = declaration.AttributeLists;
        if (existing.Count == 0)
        {
            // The declaration's comments and indentation move to the first new list; its first keyword keeps the indentation.
            var leading = declaration.GetLeadingTrivia();
            var first = declaration.GetFirstToken();
            var bare = declaration.ReplaceToken(first, first.WithLeadingTrivia(indentation));
            laidOut[0] = laidOut[0].WithLeadingTrivia(leading);
            return bare.WithAttributeLists(SyntaxFactory.List(laidOut));
        }

        int last = -1;
        for (int i = 0; i < existing.Count; i++)
        {
            if (existing[i].Attributes.Any(a => AttributeNames.Is(a, "JsonSerializable")))
            {
                last = i;
            }
        }

        int at = last >= 0 ? last + 1 : existing.Count;
        return declaration.WithAttributeLists(SyntaxFactory.List(existing.Take(at).Concat(laidOut).Concat(existing.Skip(at))));
    }
}

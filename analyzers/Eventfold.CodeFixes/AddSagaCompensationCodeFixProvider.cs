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
using Microsoft.CodeAnalysis.Simplification;

namespace Eventfold.CodeFixes;

/// <summary>
/// EVF002: gives a saga step a compensation, either a method stub beside the step that <c>Compensate</c> names, or
/// <c>[NoCompensation("...")]</c> for a step whose effect needs no undoing. Both leave a reason or body to write.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AddSagaCompensationCodeFixProvider)), Shared]
public sealed class AddSagaCompensationCodeFixProvider : CodeFixProvider
{
    public const string AddCompensationKey = "EVF002.AddCompensation";
    public const string NoCompensationKey = "EVF002.NoCompensation";
    private const string Step = "Step";
    private const string NoCompensation = "NoCompensation";
    private const string CompensationPrefix = "Undo";
    private const string ReasonPlaceholder = "TODO: say why this step needs no compensation";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIdentifiers.SagaStepWithoutCompensation);

    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        foreach (var diagnostic in context.Diagnostics)
        {
            if (root?.FindToken(diagnostic.Location.SourceSpan.Start).Parent is not MethodDeclarationSyntax method
                || StepAttribute(method) is not { } step)
            {
                continue;
            }

            // A stub needs the data type, which the step's first parameter names (unless the step is misshapen, EVF008).
            if (method.ParameterList.Parameters.FirstOrDefault() is { Type: { } dataType } data
                && model?.GetTypeInfo(dataType, context.CancellationToken).Type is { SpecialType: not SpecialType.System_Object } type
                && type.ToDisplayString() != "System.Threading.CancellationToken")
            {
                string name = UniqueName(model.GetDeclaredSymbol(method, context.CancellationToken)?.ContainingType, CompensationPrefix + method.Identifier.ValueText);
                context.RegisterCodeFix(
                    CodeAction.Create(
                        $"Add the compensation '{name}'",
                        ct => AddCompensationAsync(context.Document, method, step, data, name, ct),
                        AddCompensationKey),
                    diagnostic);
            }

            context.RegisterCodeFix(
                CodeAction.Create("Mark the step [NoCompensation(\"reason\")]", ct => AddNoCompensationAsync(context.Document, step, ct), NoCompensationKey),
                diagnostic);
        }
    }

    private static AttributeSyntax? StepAttribute(MethodDeclarationSyntax method) =>
        method.AttributeLists.SelectMany(list => list.Attributes).FirstOrDefault(a => AttributeNames.Is(a, Step));

    private static string UniqueName(INamedTypeSymbol? saga, string name)
    {
        if (saga is null)
        {
            return name;
        }

        string unique = name;
        for (int i = 2; saga.MemberNames.Contains(unique); i++)
        {
            unique = name + i;
        }

        return unique;
    }

    private static async Task<Document> AddCompensationAsync(
        Document document, MethodDeclarationSyntax method, AttributeSyntax step, ParameterSyntax data, string name, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return document;
        }

        // [Step(n)] becomes [Step(n, Compensate = nameof(UndoX))].
        var compensate = SyntaxFactory.AttributeArgument(
            SyntaxFactory.NameEquals(
                SyntaxFactory.IdentifierName("Compensate"),
                SyntaxFactory.Token(SyntaxKind.EqualsToken).WithLeadingTrivia(SyntaxFactory.Space).WithTrailingTrivia(SyntaxFactory.Space)),
            nameColon: null,
            SyntaxFactory.ParseExpression($"nameof({name})"));
        var arguments = step.ArgumentList ?? SyntaxFactory.AttributeArgumentList();
        var nodes = arguments.Arguments.ToList();
        var separators = arguments.Arguments.GetSeparators().ToList();
        if (nodes.Count > 0)
        {
            separators.Add(SyntaxFactory.Token(SyntaxKind.CommaToken).WithTrailingTrivia(SyntaxFactory.Space));
        }

        nodes.Add(compensate);
        var newStep = step.WithArgumentList(arguments.WithArguments(SyntaxFactory.SeparatedList(nodes, separators)));

        // The stub beside the step, with the step's indentation and parameter names; it throws until it is written,
        // so a forgotten one ends a saga CompensationFailed (reported) rather than compensated in silence.
        string indent = method.GetLeadingTrivia().LastOrDefault(t => t.IsKind(SyntaxKind.WhitespaceTrivia)).ToFullString();
        string newLine = root.DescendantTrivia().FirstOrDefault(t => t.IsKind(SyntaxKind.EndOfLineTrivia)).ToFullString();
        newLine = newLine.Length == 0 ? "\n" : newLine;
        string token = method.ParameterList.Parameters.Count > 1 ? method.ParameterList.Parameters[1].Identifier.ValueText : "ct";
        string stubText =
            $"{indent}private global::System.Threading.Tasks.Task {name}({data.Type} {data.Identifier.ValueText}, global::System.Threading.CancellationToken {token}){newLine}" +
            $"{indent}{{{newLine}" +
            $"{indent}    // Undo what {method.Identifier.ValueText} did. After a crash this may run twice: deduplicate by SagaStepContext.Current.IdempotencyKey.{newLine}" +
            $"{indent}    throw new global::System.NotImplementedException();{newLine}" +
            $"{indent}}}{newLine}";
        var stub = (MemberDeclarationSyntax)SyntaxFactory.ParseMemberDeclaration(stubText)!;
        stub = stub.ReplaceNodes(
            stub.DescendantNodes().OfType<QualifiedNameSyntax>().Where(n => n.Parent is not QualifiedNameSyntax),
            (_, n) => n.WithAdditionalAnnotations(Simplifier.Annotation));

        var newMethod = method.ReplaceNode(step, newStep);
        return document.WithSyntaxRoot(root.ReplaceNode(method, new SyntaxNode[] { newMethod, stub }));
    }

    private static async Task<Document> AddNoCompensationAsync(Document document, AttributeSyntax step, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        if (root is null || step.Parent is not AttributeListSyntax list)
        {
            return document;
        }

        var reason = SyntaxFactory.AttributeArgument(SyntaxFactory.LiteralExpression(SyntaxKind.StringLiteralExpression, SyntaxFactory.Literal(ReasonPlaceholder)));
        var noCompensation = SyntaxFactory.Attribute(
            AttributeNames.Like(step, Step, NoCompensation),
            SyntaxFactory.AttributeArgumentList(SyntaxFactory.SingletonSeparatedList(reason)));
        return document.WithSyntaxRoot(root.ReplaceNode(list, AttributeNames.InsertAfter(list, step, noCompensation)));
    }
}

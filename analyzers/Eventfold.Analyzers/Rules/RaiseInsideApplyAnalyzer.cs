using System.Collections.Immutable;
using Eventfold.Analyzers.Common;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Eventfold.Analyzers.Rules;

/// <summary>EVF009: <c>Raise</c> called inside an aggregate's <c>Apply</c> method, which replay runs again.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class RaiseInsideApplyAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.RaiseInsideApply);

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            var aggregateAttribute = start.Compilation.GetTypeByMetadataName("Eventfold.AggregateAttribute");
            if (aggregateAttribute is not null)
            {
                start.RegisterOperationAction(operation => Analyze(operation, aggregateAttribute), OperationKind.Invocation);
            }
        });
    }

    private static void Analyze(OperationAnalysisContext context, INamedTypeSymbol aggregateAttribute)
    {
        // The containing symbol is the member whose body holds the call, so lambdas and local
        // functions inside Apply count as Apply too.
        if (context.ContainingSymbol is not IMethodSymbol { Name: "Apply" } apply
            || !apply.ContainingType.HasAttribute(aggregateAttribute))
        {
            return;
        }

        var invocation = (IInvocationOperation)context.Operation;
        if (RaiseCall.IsRaise(invocation, aggregateAttribute, out _))
        {
            context.ReportDiagnostic(Diagnostic.Create(
                DiagnosticDescriptors.RaiseInsideApply,
                invocation.Syntax.GetLocation(),
                apply.ToDisplayString(SymbolDisplayFormat.CSharpShortErrorMessageFormat)));
        }
    }
}

using System.Collections.Immutable;
using System.Linq;
using Eventfold.Analyzers.Common;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Eventfold.Analyzers.Rules;

/// <summary>EVF003: <c>Raise(e)</c> of an [Event] type for which the aggregate declares no <c>Apply</c>.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class RaiseWithoutApplyAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.RaiseWithoutApply);

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            var types = EventfoldTypes.From(start.Compilation);
            if (types.Aggregate is not null && types.Event is not null)
            {
                start.RegisterOperationAction(operation => Analyze(operation, types.Aggregate, types.Event), OperationKind.Invocation);
            }
        });
    }

    private static void Analyze(OperationAnalysisContext context, INamedTypeSymbol aggregateAttribute, INamedTypeSymbol eventAttribute)
    {
        var invocation = (IInvocationOperation)context.Operation;
        if (!RaiseCall.IsRaise(invocation, aggregateAttribute, out var aggregate)
            || RaiseCall.RaisedType(invocation) is not INamedTypeSymbol eventType
            || !eventType.HasAttribute(eventAttribute))
        {
            return;
        }

        var hasApply = aggregate.GetMethodsInHierarchy("Apply").Any(apply =>
            apply.Parameters.Length == 1 && SymbolEqualityComparer.Default.Equals(apply.Parameters[0].Type, eventType));
        if (!hasApply)
        {
            context.ReportDiagnostic(Diagnostic.Create(
                DiagnosticDescriptors.RaiseWithoutApply,
                invocation.Arguments[0].Syntax.GetLocation(),
                aggregate.Name,
                eventType.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat)));
        }
    }
}

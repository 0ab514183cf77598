using System.Collections.Immutable;
using System.Linq;
using Eventfold.Analyzers.Common;
using Eventfold.Compiler;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Eventfold.Analyzers.Rules;

/// <summary>
/// EVF002, EVF007 and EVF060 to EVF065: every mistake in a [Saga] class, from <see cref="SagaRules"/>, the reading
/// the generator decides with, so a saga with an error is reported and never generated. Step shapes are EVF008
/// (<see cref="HandlerShapeAnalyzer"/>, from the same reading).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class SagaAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        DiagnosticDescriptors.SagaStepWithoutCompensation,
        DiagnosticDescriptors.SagaCompensationNotUsable,
        DiagnosticDescriptors.SagaDuplicateStepOrder,
        DiagnosticDescriptors.SagaCompensationOnLastStep,
        DiagnosticDescriptors.SagaMissingCancellationToken,
        DiagnosticDescriptors.SagaDataNotImmutableRecord,
        DiagnosticDescriptors.SagaCannotBeGenerated,
        DiagnosticDescriptors.SagaStartedByWithoutStart);

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start => start.RegisterTypesWith(EventfoldTypes.From(start.Compilation).Saga, Analyze));
    }

    private static void Analyze(SymbolAnalysisContext context, INamedTypeSymbol type, AttributeData attribute)
    {
        foreach (var problem in SagaRules.Read(type, attribute, context.CancellationToken).Problems)
        {
            if (problem.Value.Kind == SagaProblemKind.StepShape)
            {
                continue;
            }

            var location = problem.Symbol.Locations.FirstOrDefault(l => l.IsInSource) ?? type.Locations.FirstOrDefault(l => l.IsInSource);
            if (location is not null)
            {
                context.ReportDiagnostic(Diagnostic.Create(DescriptorFor(problem.Value.Kind), location, problem.Value.Message));
            }
        }
    }

    private static DiagnosticDescriptor DescriptorFor(SagaProblemKind kind) => kind switch
    {
        SagaProblemKind.StepWithoutCompensation => DiagnosticDescriptors.SagaStepWithoutCompensation,
        SagaProblemKind.CompensationNotFound or SagaProblemKind.CompensationWrongShape => DiagnosticDescriptors.SagaCompensationNotUsable,
        SagaProblemKind.DuplicateStepOrder => DiagnosticDescriptors.SagaDuplicateStepOrder,
        SagaProblemKind.CompensationOnLastStep => DiagnosticDescriptors.SagaCompensationOnLastStep,
        SagaProblemKind.MissingCancellationToken => DiagnosticDescriptors.SagaMissingCancellationToken,
        SagaProblemKind.DataNotImmutableRecord => DiagnosticDescriptors.SagaDataNotImmutableRecord,
        SagaProblemKind.StartedByWithoutStart => DiagnosticDescriptors.SagaStartedByWithoutStart,
        _ => DiagnosticDescriptors.SagaCannotBeGenerated,
    };
}

using System.Collections.Immutable;
using System.Linq;
using Eventfold.Analyzers.Common;
using Eventfold.Compiler;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Eventfold.Analyzers.Rules;

/// <summary>
/// EVF020 to EVF029: every [BoundedDispatcher] class the generator skips, with the reason. The reasons come
/// from <see cref="DispatcherRules"/>, the reading the generator decides with, so a skipped dispatcher
/// always has a diagnostic and a reported one is never generated.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class DispatcherAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        DiagnosticDescriptors.DispatcherCapacityBelowOne,
        DiagnosticDescriptors.DispatcherWorkerRange,
        DiagnosticDescriptors.DispatcherPerSecondNegative,
        DiagnosticDescriptors.DispatcherWithoutHandle,
        DiagnosticDescriptors.DispatcherDuplicateHandle,
        DiagnosticDescriptors.DispatcherKeyMethodShape,
        DiagnosticDescriptors.DispatcherCannotBeGenerated,
        DiagnosticDescriptors.DispatcherDeclaresGeneratedMember,
        DiagnosticDescriptors.DispatcherOverflowUndefined,
        DiagnosticDescriptors.DispatcherMessageLessAccessible);

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start => start.RegisterTypesWith(EventfoldTypes.From(start.Compilation).BoundedDispatcher, Analyze));
    }

    private static void Analyze(SymbolAnalysisContext context, INamedTypeSymbol type, AttributeData attribute)
    {
        foreach (var problem in DispatcherRules.Read(type, attribute, context.CancellationToken).Problems)
        {
            // Settings are reported on the attribute (where they are written); the rest on their symbol.
            var location = IsSetting(problem.Value.Kind)
                ? attribute.ApplicationSyntaxReference?.GetSyntax(context.CancellationToken).GetLocation()
                : problem.Symbol.Locations.FirstOrDefault(l => l.IsInSource);
            location ??= type.Locations.FirstOrDefault(l => l.IsInSource);
            if (location is not null)
            {
                context.ReportDiagnostic(Diagnostic.Create(DescriptorFor(problem.Value.Kind), location, problem.Value.Message));
            }
        }
    }

    private static bool IsSetting(DispatcherProblemKind kind) => kind is DispatcherProblemKind.CapacityBelowOne
        or DispatcherProblemKind.WorkersBelowOne or DispatcherProblemKind.MaxWorkersBelowWorkers or DispatcherProblemKind.PerSecondNegative
        or DispatcherProblemKind.OverflowUndefined;

    private static DiagnosticDescriptor DescriptorFor(DispatcherProblemKind kind) => kind switch
    {
        DispatcherProblemKind.CapacityBelowOne => DiagnosticDescriptors.DispatcherCapacityBelowOne,
        DispatcherProblemKind.WorkersBelowOne or DispatcherProblemKind.MaxWorkersBelowWorkers => DiagnosticDescriptors.DispatcherWorkerRange,
        DispatcherProblemKind.PerSecondNegative => DiagnosticDescriptors.DispatcherPerSecondNegative,
        DispatcherProblemKind.NoHandleMethod => DiagnosticDescriptors.DispatcherWithoutHandle,
        DispatcherProblemKind.DuplicateHandle => DiagnosticDescriptors.DispatcherDuplicateHandle,
        DispatcherProblemKind.KeyMethodShape or DispatcherProblemKind.KeyMissing => DiagnosticDescriptors.DispatcherKeyMethodShape,
        DispatcherProblemKind.DeclaresGeneratedMember or DispatcherProblemKind.InheritsGeneratedMember => DiagnosticDescriptors.DispatcherDeclaresGeneratedMember,
        DispatcherProblemKind.OverflowUndefined => DiagnosticDescriptors.DispatcherOverflowUndefined,
        DispatcherProblemKind.MessageLessAccessible => DiagnosticDescriptors.DispatcherMessageLessAccessible,
        _ => DiagnosticDescriptors.DispatcherCannotBeGenerated,
    };
}

using System.Collections.Immutable;
using System.Linq;
using Eventfold.Analyzers.Common;
using Eventfold.Compiler;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Eventfold.Analyzers.Rules;

/// <summary>
/// EVF030: every [Projection] type the generator skips, with the reason, from <see cref="ProjectionRules"/>,
/// the code the generator decides with; EVF031, on the attribute, for a <c>ParallelStreams</c> below 1.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ProjectionInputAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.ProjectionCannotBeGenerated, DiagnosticDescriptors.ProjectionParallelStreamsBelowOne);

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            var types = EventfoldTypes.From(start.Compilation);
            if (types.Projection is not null)
            {
                start.RegisterSymbolAction(symbol => Analyze(symbol, types), SymbolKind.NamedType);
            }
        });
    }

    private static void Analyze(SymbolAnalysisContext context, EventfoldTypes types)
    {
        var type = (INamedTypeSymbol)context.Symbol;
        if (type.GetAttribute(types.Projection) is not { } attribute || type.FirstLocation() is not { IsInSource: true } location)
        {
            return;
        }

        // [Projection] on a struct is refused by the compiler itself (CS0592).
        foreach (var problem in ProjectionRules.Check(type, attribute).Where(p => p.Value.Kind != InputProblemKind.ProjectionIsNotAClass))
        {
            if (problem.Value.Kind == InputProblemKind.ProjectionParallelStreamsBelowOne)
            {
                // Reported where the value is written.
                var setting = attribute.ApplicationSyntaxReference?.GetSyntax(context.CancellationToken).GetLocation() ?? location;
                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.ProjectionParallelStreamsBelowOne, setting, problem.Value.Message));
                continue;
            }

            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.ProjectionCannotBeGenerated, location, problem.Value.Message));
        }
    }
}

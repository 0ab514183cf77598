using System.Collections.Immutable;
using System.Linq;
using Eventfold.Analyzers.Common;
using Eventfold.Compiler;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Eventfold.Analyzers.Rules;

/// <summary>
/// EVF043 and EVF044: an [Aggregate] with SnapshotEvery whose state the generated capture and restore
/// cannot round-trip, so the generator writes no snapshot code. The reasons come from
/// <see cref="SnapshotRules"/>, the reading the generator decides with, so a reported aggregate never
/// gets snapshot code and one without a report always does.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class SnapshotStateAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        DiagnosticDescriptors.SnapshotCannotRestoreMember,
        DiagnosticDescriptors.SnapshotMemberNotRoundTripped);

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start => start.RegisterTypesWith(EventfoldTypes.From(start.Compilation).Aggregate, Analyze));
    }

    private static void Analyze(SymbolAnalysisContext context, INamedTypeSymbol type, AttributeData attribute)
    {
        // An aggregate the generator skips altogether has its own diagnostics (EVF011 to EVF016).
        if (SnapshotEvery(attribute) <= 0
            || AggregateRules.Check(type, attribute).Count > 0)
        {
            return;
        }

        foreach (var problem in SnapshotRules.Read(type, context.CancellationToken).Problems)
        {
            var descriptor = problem.Value.Kind == SnapshotProblemKind.CannotRestore
                ? DiagnosticDescriptors.SnapshotCannotRestoreMember
                : DiagnosticDescriptors.SnapshotMemberNotRoundTripped;
            var location = problem.Symbol.Locations.FirstOrDefault(l => l.IsInSource) ?? type.Locations.FirstOrDefault(l => l.IsInSource);
            if (location is not null)
            {
                context.ReportDiagnostic(Diagnostic.Create(descriptor, location, type.Name, problem.Value.Reason));
            }
        }
    }

    private static int SnapshotEvery(AttributeData attribute) =>
        attribute.NamedArguments.FirstOrDefault(a => a.Key == "SnapshotEvery").Value.Value is int every ? every : 0;
}

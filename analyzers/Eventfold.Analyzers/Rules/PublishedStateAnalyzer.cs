using System.Collections.Immutable;
using System.Linq;
using Eventfold.Analyzers.Common;
using Eventfold.Compiler;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Eventfold.Analyzers.Rules;

/// <summary>
/// EVF010 and EVF050: a [PublishesState] type that publishes personal data, or whose state cannot be generated.
/// The members come from <see cref="StateRules"/>, which the generator writes the state record from.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class PublishedStateAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        DiagnosticDescriptors.PersonalDataPublished,
        DiagnosticDescriptors.PublishedStateCannotBeGenerated);

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start => start.RegisterTypesWith(EventfoldTypes.From(start.Compilation).PublishesState, Analyze));
    }

    private static void Analyze(SymbolAnalysisContext context, INamedTypeSymbol type, AttributeData attribute)
    {
        foreach (var problem in StateRules.Check(type, attribute, context.CancellationToken))
        {
            bool personalData = problem.Value.Kind == StateProblemKind.PersonalDataPublished;

            // The attribute is what a state that cannot be generated gets wrong; personal data is the member's.
            var location = personalData
                ? problem.Symbol.Locations.FirstOrDefault(l => l.IsInSource)
                : attribute.ApplicationSyntaxReference?.GetSyntax(context.CancellationToken).GetLocation();
            location ??= type.Locations.FirstOrDefault(l => l.IsInSource);
            if (location is not null)
            {
                var descriptor = personalData ? DiagnosticDescriptors.PersonalDataPublished : DiagnosticDescriptors.PublishedStateCannotBeGenerated;
                context.ReportDiagnostic(Diagnostic.Create(descriptor, location, problem.Value.Message));
            }
        }
    }
}

using System.Collections.Immutable;
using System.Linq;
using Eventfold.Analyzers.Common;
using Eventfold.Compiler;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Eventfold.Analyzers.Rules;

/// <summary>
/// EVF011 to EVF016: every [Aggregate] or [Event] type the generators skip, with the reason. The
/// reasons come from <see cref="AggregateRules"/> and <see cref="EventRules"/>, the same code the
/// generators decide with, so a skipped type always has a diagnostic and a reported one is always skipped.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class GeneratorInputAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        DiagnosticDescriptors.AggregateCannotBeGenerated,
        DiagnosticDescriptors.AggregateNeedsParameterlessConstructor,
        DiagnosticDescriptors.AggregateHasRequiredMember,
        DiagnosticDescriptors.AggregateDeclaresGeneratedMember,
        DiagnosticDescriptors.EventCannotBeRegistered,
        DiagnosticDescriptors.InvalidAttributeValue);

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            var types = EventfoldTypes.From(start.Compilation);
            if (types.Aggregate is not null || types.Event is not null)
            {
                start.RegisterSymbolAction(symbol => Analyze(symbol, types), SymbolKind.NamedType);
            }
        });
    }

    private static void Analyze(SymbolAnalysisContext context, EventfoldTypes types)
    {
        var type = (INamedTypeSymbol)context.Symbol;
        if (type.GetAttribute(types.Aggregate) is { } aggregate)
        {
            foreach (var problem in AggregateRules.Check(type, aggregate))
            {
                Report(context, type, problem);
            }
        }

        if (type.GetAttribute(types.Event) is { } @event)
        {
            foreach (var problem in EventRules.Check(type, @event))
            {
                Report(context, type, problem);
            }
        }
    }

    private static void Report(SymbolAnalysisContext context, INamedTypeSymbol type, Found<InputProblem> problem)
    {
        var descriptor = DescriptorFor(problem.Value.Kind);
        var location = SourceLocation(problem.Symbol) ?? SourceLocation(type);
        if (descriptor is null || location is null)
        {
            return;
        }

        context.ReportDiagnostic(Diagnostic.Create(descriptor, location, FixFor(problem, type, context), problem.Value.Message));
    }

    /// <summary>Null where the compiler already reports the mistake ([Aggregate] on a struct is CS0592).</summary>
    private static DiagnosticDescriptor? DescriptorFor(InputProblemKind kind) => kind switch
    {
        InputProblemKind.AggregateIsNotAClass => null,
        InputProblemKind.AggregateIsGeneric or InputProblemKind.AggregateIsNestedInGeneric
            or InputProblemKind.AggregateIsAbstract or InputProblemKind.AggregateIsStatic => DiagnosticDescriptors.AggregateCannotBeGenerated,
        InputProblemKind.AggregateHasNoParameterlessConstructor => DiagnosticDescriptors.AggregateNeedsParameterlessConstructor,
        InputProblemKind.AggregateHasRequiredMember => DiagnosticDescriptors.AggregateHasRequiredMember,
        InputProblemKind.AggregateDeclaresGeneratedMember or InputProblemKind.AggregateInheritsGeneratedMember => DiagnosticDescriptors.AggregateDeclaresGeneratedMember,
        InputProblemKind.EventIsGeneric or InputProblemKind.EventIsNotAccessible
            or InputProblemKind.EventIsFileLocal or InputProblemKind.EventIsStatic => DiagnosticDescriptors.EventCannotBeRegistered,
        _ => DiagnosticDescriptors.InvalidAttributeValue,
    };

    /// <summary>The mechanical fixes: drop a modifier, or add a private parameterless constructor.</summary>
    private static ImmutableDictionary<string, string?> FixFor(Found<InputProblem> problem, INamedTypeSymbol type, SymbolAnalysisContext context)
    {
        var none = ImmutableDictionary<string, string?>.Empty;
        string? modifier = problem.Value.Kind switch
        {
            InputProblemKind.AggregateIsStatic or InputProblemKind.EventIsStatic => "static",
            InputProblemKind.AggregateIsAbstract => "abstract",
            InputProblemKind.AggregateHasRequiredMember when !SymbolEqualityComparer.Default.Equals(problem.Symbol, type) => "required",
            _ => null,
        };
        if (modifier is not null)
        {
            return none.Add(DiagnosticProperties.Fix, DiagnosticProperties.FixRemoveModifier).Add(DiagnosticProperties.Modifier, modifier);
        }

        bool hasPrimaryConstructor = type.DeclaringSyntaxReferences
            .Select(r => r.GetSyntax(context.CancellationToken))
            .OfType<TypeDeclarationSyntax>()
            .Any(d => d.ParameterList is not null);
        return problem.Value.Kind == InputProblemKind.AggregateHasNoParameterlessConstructor && !hasPrimaryConstructor
            ? none.Add(DiagnosticProperties.Fix, DiagnosticProperties.FixAddConstructor)
            : none;
    }

    private static Location? SourceLocation(ISymbol symbol) => symbol.Locations.FirstOrDefault(l => l.IsInSource);
}

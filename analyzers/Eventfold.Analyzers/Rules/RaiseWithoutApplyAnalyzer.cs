using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Eventfold.Analyzers.Common;
using Eventfold.Compiler;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Eventfold.Analyzers.Rules;

/// <summary>
/// EVF003: <c>Raise(e)</c> of an [Event] type that no case of the generated dispatch handles. The
/// dispatch is computed by <see cref="ApplyHandlerReader"/>, as the generator computes it, so an
/// event handled by an <c>Apply</c> of its base class or interface, or by a base class's accessible
/// <c>Apply</c>, is not reported, and an <c>Apply</c> the generator does not call does not count.
/// </summary>
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
                var applies = new ConcurrentDictionary<INamedTypeSymbol, List<Found<HandlerCandidate>>>(SymbolEqualityComparer.Default);
                start.RegisterOperationAction(operation => Analyze(operation, types.Aggregate, types.Event, applies), OperationKind.Invocation);
            }
        });
    }

    private static void Analyze(
        OperationAnalysisContext context,
        INamedTypeSymbol aggregateAttribute,
        INamedTypeSymbol eventAttribute,
        ConcurrentDictionary<INamedTypeSymbol, List<Found<HandlerCandidate>>> applies)
    {
        var invocation = (IInvocationOperation)context.Operation;
        if (!RaiseCall.IsRaise(invocation, aggregateAttribute, out var aggregate)
            || RaiseCall.RaisedType(invocation) is not INamedTypeSymbol eventType
            || !eventType.HasAttribute(eventAttribute))
        {
            return;
        }

        var candidates = applies.GetOrAdd(aggregate, a => ApplyHandlerReader.Read(a, context.CancellationToken));
        if (ApplyHandlerReader.Handling(eventType, candidates) is not null)
        {
            return;
        }

        // An Apply for exactly this type that the generator cannot call is reported by EVF008 already.
        string fullName = CompilerNames.FullyQualified(eventType);
        if (candidates.Any(c => !c.Value.IsAccepted && c.Value.EventType == fullName))
        {
            return;
        }

        context.ReportDiagnostic(Diagnostic.Create(
            DiagnosticDescriptors.RaiseWithoutApply,
            invocation.Arguments[0].Syntax.GetLocation(),
            aggregate.Name,
            eventType.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat)));
    }
}

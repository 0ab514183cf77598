using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Eventfold.Analyzers.Common;
using Eventfold.Compiler;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Eventfold.Analyzers.Rules;

/// <summary>
/// EVF008: an Apply, On, Handle, saga step or upcaster method whose shape the generators cannot call.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class HandlerShapeAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.UnusableHandlerShape);

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            var types = EventfoldTypes.From(start.Compilation);
            if (types.Event is null)
            {
                return; // Eventfold is not referenced.
            }

            start.RegisterSymbolAction(symbol => AnalyzeType(symbol, types), SymbolKind.NamedType);
        });
    }

    private static void AnalyzeType(SymbolAnalysisContext context, EventfoldTypes types)
    {
        var type = (INamedTypeSymbol)context.Symbol;
        var methods = type.GetMembers().OfType<IMethodSymbol>().Where(m => m.MethodKind == MethodKind.Ordinary).ToList();

        if (type.HasAttribute(types.Aggregate))
        {
            CheckApplies(context, type);
        }

        if (type.HasAttribute(types.Projection))
        {
            CheckOns(context, type);
        }

        if (type.HasAttribute(types.BoundedDispatcher))
        {
            CheckHandles(context, type);
        }

        if (type.HasAttribute(types.Saga))
        {
            CheckSteps(context, type, types);
        }

        foreach (var upcaster in methods.Where(m => m.HasAttribute(types.Upcaster)))
        {
            Report(context, upcaster, HandlerShapes.UpcasterRole, HandlerShapes.CheckUpcaster(upcaster));
        }
    }

    /// <summary>Every Apply the generated dispatch will not call, from the reader the generator uses.</summary>
    private static void CheckApplies(SymbolAnalysisContext context, INamedTypeSymbol aggregate)
    {
        foreach (var found in ApplyHandlerReader.Read(aggregate, context.CancellationToken))
        {
            var candidate = found.Value;
            if (candidate.IsAccepted)
            {
                continue;
            }

            // A base class's method is reported on the aggregate that cannot use it: another aggregate may.
            var location = candidate.DeclaredInBase ? aggregate.FirstLocation() : found.Symbol.FirstLocation();
            var name = candidate.DeclaredInBase ? candidate.DeclaringType + "." + candidate.MethodName : candidate.MethodName;
            if (location is not null && location.IsInSource)
            {
                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.UnusableHandlerShape, location, name, HandlerShapes.ApplyRole, candidate.Reason));
            }
        }
    }

    /// <summary>Every Handle the generated dispatcher will not call, from the reader the generator uses.</summary>
    private static void CheckHandles(SymbolAnalysisContext context, INamedTypeSymbol dispatcher)
    {
        foreach (var found in HandleHandlerReader.Read(dispatcher, context.CancellationToken))
        {
            if (!found.Value.IsAccepted && found.Symbol.FirstLocation() is { } location)
            {
                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.UnusableHandlerShape, location, found.Value.MethodName, HandlerShapes.HandleRole, found.Value.Reason));
            }
        }
    }

    /// <summary>Every On the generated projection dispatch will not call, from the reader the generator uses.</summary>
    private static void CheckOns(SymbolAnalysisContext context, INamedTypeSymbol projection)
    {
        foreach (var found in OnHandlerReader.Read(projection, context.CancellationToken))
        {
            if (!found.Value.Candidate.IsAccepted && found.Symbol.FirstLocation() is { IsInSource: true } location)
            {
                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.UnusableHandlerShape, location, found.Value.Candidate.MethodName, HandlerShapes.OnRole, found.Value.Candidate.Reason));
            }
        }
    }

    private static void CheckNamed(
        SymbolAnalysisContext context, List<IMethodSymbol> methods, string name, string role, System.Func<IMethodSymbol, string?> check)
    {
        foreach (var method in methods.Where(m => m.Name == name))
        {
            Report(context, method, role, check(method));
        }
    }

    /// <summary>Every step the generated saga cannot call, from the reading the generator uses.</summary>
    private static void CheckSteps(SymbolAnalysisContext context, INamedTypeSymbol saga, EventfoldTypes types)
    {
        var reading = SagaRules.Read(saga, saga.GetAttribute(types.Saga)!, context.CancellationToken);
        foreach (var problem in reading.Problems.Where(p => p.Value.Kind == SagaProblemKind.StepShape))
        {
            if (problem.Symbol.FirstLocation() is { IsInSource: true } location)
            {
                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.UnusableHandlerShape, location, problem.Symbol.Name, HandlerShapes.StepRole, problem.Value.Message));
            }
        }
    }

    private static void Report(SymbolAnalysisContext context, IMethodSymbol method, string role, string? expected)
    {
        if (expected is not null && method.FirstLocation() is { } location)
        {
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.UnusableHandlerShape, location, method.Name, role, expected));
        }
    }
}

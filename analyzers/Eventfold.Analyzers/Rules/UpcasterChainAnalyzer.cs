using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Eventfold.Analyzers.Common;
using Eventfold.Compiler;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Eventfold.Analyzers.Rules;

/// <summary>
/// The upcaster chains of the compilation, checked with the planner the registry generator composes them
/// with (<see cref="UpcastPlanner"/>), so a version the generator gives no chain is one reported here:
/// EVF005 a stored version with no path to the latest, EVF040 two upcasters from one version, EVF041 an
/// upcaster that does not lead to the next version of its name, EVF042 an upcaster on a cycle.
/// </summary>
/// <remarks>
/// The analyzers see the generators' output (the published-state records among it), which the registry
/// generator cannot: a name whose latest type is generated is checked here and walked at run time there.
/// </remarks>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class UpcasterChainAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        DiagnosticDescriptors.VersionWithoutPathToLatest,
        DiagnosticDescriptors.DuplicateUpcaster,
        DiagnosticDescriptors.UpcasterTargetNotNextVersion,
        DiagnosticDescriptors.UpcasterCycle,
        DiagnosticDescriptors.UpcasterOfAmbiguousPublishedState);

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            var types = EventfoldTypes.From(start.Compilation);
            if (types.Event is null || types.Upcaster is null)
            {
                return;
            }

            var eventAttribute = types.Event;
            var upcasterAttribute = types.Upcaster;
            var chains = new Lazy<Chains>(() => Chains.Read(start.Compilation, eventAttribute, upcasterAttribute), LazyThreadSafetyMode.ExecutionAndPublication);
            start.RegisterSymbolAction(symbol => AnalyzeEvent(symbol, eventAttribute, chains), SymbolKind.NamedType);
            start.RegisterSymbolAction(symbol => AnalyzeUpcaster(symbol, upcasterAttribute, chains), SymbolKind.Method);
        });
    }

    private static void AnalyzeEvent(SymbolAnalysisContext context, INamedTypeSymbol eventAttribute, Lazy<Chains> chains)
    {
        var type = (INamedTypeSymbol)context.Symbol;
        if (!type.HasAttribute(eventAttribute) || !UpcasterReader.TryReadEvent(type, out var name, out int version))
        {
            return;
        }

        if (chains.Value.WithoutPath(name, version) is { } latest && type.Locations.FirstOrDefault(l => l.IsInSource) is { } location)
        {
            context.ReportDiagnostic(Diagnostic.Create(
                DiagnosticDescriptors.VersionWithoutPathToLatest, location, $"type '{type.Name}'", version, name, latest));
        }
    }

    private static void AnalyzeUpcaster(SymbolAnalysisContext context, INamedTypeSymbol upcasterAttribute, Lazy<Chains> chains)
    {
        var method = (IMethodSymbol)context.Symbol;
        if (!method.HasAttribute(upcasterAttribute) || method.Locations.FirstOrDefault(l => l.IsInSource) is not { } location)
        {
            return;
        }

        ReportAmbiguousPublishedState(context, method, location);
        var model = chains.Value;
        int index = model.IndexOf(method);
        if (index < 0)
        {
            return; // a shape generated code cannot call: EVF008 and EVF015 report it
        }

        var step = model.Steps[index];
        foreach (var problem in model.History.Problems.Where(p => p.Step == index))
        {
            context.ReportDiagnostic(problem.Kind switch
            {
                UpcasterProblemKind.SameVersion => Diagnostic.Create(DiagnosticDescriptors.DuplicateUpcaster, location, step.Display, step.FromVersion, step.Name, problem.Detail),
                UpcasterProblemKind.WrongTarget => Diagnostic.Create(DiagnosticDescriptors.UpcasterTargetNotNextVersion, location, step.Display, step.FromVersion, step.Name, problem.Detail),
                _ => Diagnostic.Create(DiagnosticDescriptors.UpcasterCycle, location, step.Display, problem.Detail),
            });
        }

        // A version stored only as JSON has no type to report on: its upcaster stands for it.
        if (step.Kind == UpcasterKind.Json && !model.HasType(step.Name, step.FromVersion)
            && model.WithoutPath(step.Name, step.FromVersion) is { } latest)
        {
            context.ReportDiagnostic(Diagnostic.Create(
                DiagnosticDescriptors.VersionWithoutPathToLatest, location, $"JSON read by '{step.Display}'", step.FromVersion, step.Name, latest));
        }
    }

    /// <summary>
    /// EVF045: a typed upcaster whose parameter or return type is a generated published-state record that the
    /// registry generator cannot name (<see cref="PublishedStateTypes.TryResolve"/>: two aggregates of that name).
    /// </summary>
    private static void ReportAmbiguousPublishedState(SymbolAnalysisContext context, IMethodSymbol method, Location location)
    {
        if (method.Parameters.Length != 1)
        {
            return;
        }

        foreach (var type in new[] { method.Parameters[0].Type, method.ReturnType })
        {
            if (PublishedStateTypes.PublisherOf(type) is { } aggregate
                && PublishedStateTypes.Publishers(context.Compilation, aggregate.Name).Count > 1)
            {
                context.ReportDiagnostic(Diagnostic.Create(
                    DiagnosticDescriptors.UpcasterOfAmbiguousPublishedState, location, method.ContainingType.Name + "." + method.Name, type.Name, aggregate.Name));
                return;
            }
        }
    }

    /// <summary>Every event version and upcaster of the compilation, in the order the generator plans them, and the plan.</summary>
    private sealed class Chains
    {
        private readonly Dictionary<IMethodSymbol, int> _indexes;
        private readonly HashSet<(string Name, int Version)> _typed;

        private Chains(List<UpcasterStep> steps, Dictionary<IMethodSymbol, int> indexes, HashSet<(string, int)> typed, UpcastHistory history)
        {
            Steps = steps;
            _indexes = indexes;
            _typed = typed;
            History = history;
        }

        public List<UpcasterStep> Steps { get; }

        public UpcastHistory History { get; }

        public int IndexOf(IMethodSymbol method) => _indexes.TryGetValue(method.OriginalDefinition, out int index) ? index : -1;

        public bool HasType(string name, int version) => _typed.Contains((name, version));

        /// <summary>The latest version when no chain leads there from <paramref name="version"/> for want of an upcaster; null otherwise (two upcasters from one version are EVF040's).</summary>
        public int? WithoutPath(string name, int version) =>
            History.Unreadable.TryGetValue((name, version), out var reason) && reason == UnreadableReason.NoPath ? History.Latest[name] : null;

        public static Chains Read(Compilation compilation, INamedTypeSymbol eventAttribute, INamedTypeSymbol upcasterAttribute)
        {
            var events = new List<EventVersion>();
            var found = new List<(UpcasterStep Step, IMethodSymbol Method)>();
            foreach (var type in SourceTypes.All(compilation))
            {
                if (type.HasAttribute(eventAttribute) && UpcasterReader.TryReadEvent(type, out var name, out int version))
                {
                    events.Add(new EventVersion(name, version, CompilerNames.FullyQualified(type)));
                }

                foreach (var method in type.GetMembers().OfType<IMethodSymbol>())
                {
                    if (method.GetAttribute(upcasterAttribute) is { } attribute && UpcasterReader.Read(method, attribute) is { } step)
                    {
                        found.Add((step, method));
                    }
                }
            }

            // The generator's order (EventRegistryParser.Combine), so messages list the same upcasters in the same order.
            var ordered = found
                .OrderBy(f => f.Step.Name, StringComparer.Ordinal)
                .ThenBy(f => f.Step.FromVersion)
                .ThenBy(f => f.Step.Method, StringComparer.Ordinal)
                .ToList();
            var steps = ordered.Select(f => f.Step).ToList();
            var indexes = new Dictionary<IMethodSymbol, int>(SymbolEqualityComparer.Default);
            for (int i = 0; i < ordered.Count; i++)
            {
                indexes[ordered[i].Method] = i;
            }

            var typed = new HashSet<(string, int)>(events.Select(e => (e.Name, e.Version)));
            return new Chains(steps, indexes, typed, UpcastPlanner.Plan(events, steps));
        }
    }
}

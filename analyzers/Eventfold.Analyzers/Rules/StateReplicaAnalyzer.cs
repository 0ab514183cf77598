using System;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Eventfold.Analyzers.Common;
using Eventfold.Compiler;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Eventfold.Analyzers.Rules;

/// <summary>
/// EVF051 to EVF054: a [StateReplica] record the generator cannot implement (from <see cref="ReplicaRules"/>, which
/// the generator decides with), and, when the state it names is known to the compilation, members that state does not
/// carry or carries with another type, or a name the known publisher does not publish under.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class StateReplicaAnalyzer : DiagnosticAnalyzer
{
    private const string StateSuffix = ".state";

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        DiagnosticDescriptors.StateReplicaCannotBeGenerated,
        DiagnosticDescriptors.StateReplicaMemberNotPublished,
        DiagnosticDescriptors.StateReplicaMemberTypeDiffers,
        DiagnosticDescriptors.StateReplicaNamesNoPublishedState);

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            var types = EventfoldTypes.From(start.Compilation);
            if (types.StateReplica is null)
            {
                return;
            }

            // Read once, and only when the compilation has a replica to check.
            var compilation = start.Compilation;
            var states = new Lazy<PublishedStates>(() => PublishedStates.From(compilation), LazyThreadSafetyMode.ExecutionAndPublication);
            start.RegisterSymbolAction(symbol => Analyze(symbol, types.StateReplica, states), SymbolKind.NamedType);
        });
    }

    private static void Analyze(SymbolAnalysisContext context, INamedTypeSymbol replicaAttribute, Lazy<PublishedStates> states)
    {
        var type = (INamedTypeSymbol)context.Symbol;
        if (type.GetAttribute(replicaAttribute) is not { } attribute)
        {
            return;
        }

        var attributeLocation = attribute.ApplicationSyntaxReference?.GetSyntax(context.CancellationToken).GetLocation();
        foreach (var problem in ReplicaRules.Check(type, attribute))
        {
            Report(context, DiagnosticDescriptors.StateReplicaCannotBeGenerated, type.Locations.FirstOrDefault(l => l.IsInSource), problem.Value.Message);
        }

        if (ReplicaRules.StateName(attribute) is not { Length: > 0 } name)
        {
            return;
        }

        if (states.Value.Find(name) is { } state)
        {
            foreach (var problem in ReplicaRules.Compare(type, state.Members, state.Description))
            {
                var descriptor = problem.Value.Kind == StateProblemKind.ReplicaMemberNotPublished
                    ? DiagnosticDescriptors.StateReplicaMemberNotPublished
                    : DiagnosticDescriptors.StateReplicaMemberTypeDiffers;
                Report(context, descriptor, problem.Symbol.Locations.FirstOrDefault(l => l.IsInSource), problem.Value.Message);
            }

            return;
        }

        if (WhyNotPublished(type, name, states.Value) is { } why)
        {
            Report(context, DiagnosticDescriptors.StateReplicaNamesNoPublishedState, attributeLocation, why);
        }
    }

    /// <summary>
    /// Why no state is published under <paramref name="name"/>, when the compilation knows the publisher it must mean;
    /// null when the publisher is not known (it lives in another service).
    /// </summary>
    private static string? WhyNotPublished(INamedTypeSymbol replica, string name, PublishedStates states)
    {
        string prefix = $"State replica '{replica.Name}' reads the state '{name}', which nothing publishes";
        if (states.FindIgnoringCase(name) is { } differentCase)
        {
            return $"{prefix}; state names are matched exactly: did you mean '{differentCase}'?";
        }

        bool hasSuffix = name.EndsWith(StateSuffix, StringComparison.Ordinal);
        string category = hasSuffix ? name.Substring(0, name.Length - StateSuffix.Length) : name;
        if (states.AggregateOf(category) is not { } aggregate || StateRules.Category(aggregate) is not { } actualCategory)
        {
            return null;
        }

        string stateName = StateRules.StateName(actualCategory);
        return states.Find(stateName) is not null
            ? $"{prefix}; aggregate '{aggregate.Name}' publishes its state as '{stateName}': did you mean '{stateName}'?"
            : $"{prefix}; aggregate '{aggregate.Name}' of category '{actualCategory}' publishes no state: add [PublishesState] to it, and read '{stateName}'";
    }

    private static void Report(SymbolAnalysisContext context, DiagnosticDescriptor descriptor, Location? location, string message)
    {
        location ??= context.Symbol.Locations.FirstOrDefault(l => l.IsInSource);
        if (location is not null)
        {
            context.ReportDiagnostic(Diagnostic.Create(descriptor, location, message));
        }
    }
}

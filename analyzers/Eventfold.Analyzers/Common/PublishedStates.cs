using System;
using System.Collections.Generic;
using System.Linq;
using Eventfold.Compiler;
using Microsoft.CodeAnalysis;

namespace Eventfold.Analyzers.Common;

/// <summary>A published state as a replica sees it: its members (without Id and Version) and how messages name it.</summary>
internal sealed record PublishedState(string Name, string Description, IReadOnlyList<(string Name, ITypeSymbol Type)> Members);

/// <summary>
/// Every state the compilation and the assemblies it references publish, for checking replicas against them.
/// A <c>[PublishesState]</c> aggregate's members come from <see cref="StateRules.PublishedMembers"/>, the members
/// the generator writes; without the aggregate, an <c>[Event]</c> record with <c>Id</c> and <c>Version</c> (a
/// generated state record in a referenced contract) stands for it. Only assemblies that reference Eventfold are read.
/// </summary>
internal sealed class PublishedStates
{
    private const string EventfoldAssembly = "Eventfold";

    private readonly Dictionary<string, PublishedState> _states = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (PublishedState State, int Version)> _eventStates = new(StringComparer.Ordinal);
    private readonly Dictionary<string, INamedTypeSymbol> _aggregatesByCategory = new(StringComparer.OrdinalIgnoreCase);

    private PublishedStates()
    {
    }

    public static PublishedStates From(Compilation compilation)
    {
        var states = new PublishedStates();
        foreach (var type in SourceTypes.All(compilation))
        {
            states.Add(type);
        }

        foreach (var assembly in compilation.SourceModule.ReferencedAssemblySymbols)
        {
            if (assembly.Modules.Any(m => m.ReferencedAssemblies.Any(r => r.Name == EventfoldAssembly)))
            {
                foreach (var type in SourceTypes.In(assembly.GlobalNamespace))
                {
                    states.Add(type);
                }
            }
        }

        return states;
    }

    /// <summary>The state published under exactly this name.</summary>
    public PublishedState? Find(string name) =>
        _states.TryGetValue(name, out var state) ? state : _eventStates.TryGetValue(name, out var fromEvent) ? fromEvent.State : null;

    /// <summary>A known state whose name differs only in case.</summary>
    public string? FindIgnoringCase(string name) =>
        _states.Keys.Concat(_eventStates.Keys).FirstOrDefault(known => string.Equals(known, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>The aggregate of a category (case-insensitive), in the compilation or a referenced assembly.</summary>
    public INamedTypeSymbol? AggregateOf(string category) => _aggregatesByCategory.TryGetValue(category, out var type) ? type : null;

    private void Add(INamedTypeSymbol type)
    {
        string? category = StateRules.Category(type);
        if (category is { Length: > 0 })
        {
            _aggregatesByCategory[category] = type;
            var publishes = type.GetAttributes().FirstOrDefault(a => a.AttributeClass?.ToDisplayString() == StateRules.PublishesStateAttribute);
            if (publishes is not null && !StateRules.Check(type, publishes).Any(p => p.Value.BlocksGeneration))
            {
                string name = StateRules.StateName(category);
                var members = StateRules.PublishedMembers(type).Select(m => (m.Member.Name, m.Type)).ToList();
                _states[name] = new PublishedState(name, $"'{name}' (published by '{type.Name}')", members);
            }

            return;
        }

        if (type.GetAttributes().FirstOrDefault(a => a.AttributeClass?.ToDisplayString() == "Eventfold.EventAttribute") is { } @event
            && ReplicaRules.HasIdentity(type))
        {
            string name = @event.ConstructorArguments.Length > 0 && @event.ConstructorArguments[0].Value is string given ? given : type.Name;
            int version = @event.NamedArguments.Where(p => p.Key == "Version").Select(p => p.Value.Value is int v ? v : 1).DefaultIfEmpty(1).First();
            if (!_eventStates.TryGetValue(name, out var known) || known.Version < version)
            {
                var members = ReplicaRules.ReplicaMembers(type)
                    .Where(m => !StateRules.IdentityMembers.Contains(m.Member.Name))
                    .Select(m => (m.Member.Name, m.Type))
                    .ToList();
                _eventStates[name] = (new PublishedState(name, $"'{name}' ('{type.Name}')", members), version);
            }
        }
    }
}

using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Text;
using System.Threading;
using Eventfold.Compiler;
using Microsoft.CodeAnalysis;

namespace Eventfold.Generators.Events;

/// <summary>
/// Reads <c>[Event]</c> types and <c>[Upcaster]</c> methods into specs, and composes the upcast chains
/// from them. Anything the generated registration could not call (inaccessible, generic, wrong shape)
/// yields null: the analyzers report it, the generator just leaves it out.
/// </summary>
internal static class EventRegistryParser
{
    public static EventSpec? ParseEvent(GeneratorAttributeSyntaxContext context, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        if (context.TargetSymbol is not INamedTypeSymbol type || context.Attributes.Length == 0)
        {
            return null;
        }

        return TryReadEvent(type, context.Attributes[0], out var name, out int version)
            ? new EventSpec(type.ToFullyQualifiedName(), name, version)
            : null;
    }

    /// <summary>An upcaster as the shared reader sees it (the analyzers check the same steps); null when generated code cannot call it.</summary>
    public static UpcasterStep? ParseUpcaster(GeneratorAttributeSyntaxContext context, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        return context.TargetSymbol is IMethodSymbol method && context.Attributes.Length > 0
            ? UpcasterReader.Read(method, context.Attributes[0], context.SemanticModel.Compilation)
            : null;
    }

    public static RegistrySpec? Combine(ImmutableArray<EventSpec> events, ImmutableArray<UpcasterStep> upcasters, string assemblyName)
    {
        if (events.IsDefaultOrEmpty && upcasters.IsDefaultOrEmpty)
        {
            return null;
        }

        // Sorted so the output does not depend on file or declaration order.
        var sortedEvents = events
            .OrderBy(e => e.Name, StringComparer.Ordinal)
            .ThenBy(e => e.Version)
            .ThenBy(e => e.TypeName, StringComparer.Ordinal)
            .ToList();
        var sortedUpcasters = upcasters
            .OrderBy(u => u.Name, StringComparer.Ordinal)
            .ThenBy(u => u.FromVersion)
            .ThenBy(u => u.Method, StringComparer.Ordinal)
            .ToList();

        // The chains are composed here, once per change of any event or upcaster; versions the planner finds no
        // single chain for get none, and the analyzers (EVF005, EVF040 to EVF042) say why.
        var history = UpcastPlanner.Plan(sortedEvents.Select(e => new EventVersion(e.Name, e.Version, e.TypeName)).ToList(), sortedUpcasters);
        var chains = history.Chains
            .Select(c => new ChainSpec(c.Name, c.FromVersion, c.ToVersion, c.MethodName, c.Links.ToEquatableArray(), c.Result, c.Summary))
            .ToList();

        // An upcaster that starts no generated chain is registered on its own, for the serializer's run-time walk:
        // its name's latest type is one this generator cannot see (the published state another generator writes,
        // or a type of another assembly), so no chain to it could be composed here.
        var chained = new HashSet<(string Name, int Version)>(chains.Select(c => (c.Name, c.FromVersion)));
        var unchained = sortedUpcasters.Where(u => !chained.Contains((u.Name, u.FromVersion)));
        return new RegistrySpec(ClassNameFor(assemblyName), sortedEvents.ToEquatableArray(), chains.ToEquatableArray(), unchained.ToEquatableArray());
    }

    /// <summary>Reads an event through the rules shared with the analyzers: an event with a problem is left out (EVF015, EVF016 say why).</summary>
    private static bool TryReadEvent(INamedTypeSymbol type, AttributeData? attribute, out string name, out int version)
    {
        name = "";
        version = 0;
        if (attribute is null || EventRules.Check(type, attribute).Count > 0)
        {
            return false;
        }

        name = EventRules.StoredName(type, attribute);
        version = EventRules.StoredVersion(attribute);
        return true;
    }

    /// <summary>One class per assembly, so two assemblies that see each other's internals do not clash.</summary>
    private static string ClassNameFor(string assemblyName)
    {
        var builder = new StringBuilder("EventfoldEventRegistration_");
        foreach (char c in assemblyName)
        {
            builder.Append(char.IsLetterOrDigit(c) || c == '_' ? c : '_');
        }

        return builder.ToString();
    }
}

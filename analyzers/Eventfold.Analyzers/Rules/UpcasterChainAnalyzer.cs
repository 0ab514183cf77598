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
/// EVF005: an [Event] version from which no chain of upcasters leads to the latest version of its name, so
/// events stored at that version can never be read. Typed upcasters lead from their parameter's version to
/// their return type's; JSON upcasters from their FromVersion to the next.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class UpcasterChainAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.VersionWithoutPathToLatest);

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
            var history = new Lazy<History>(() => History.Read(start.Compilation, eventAttribute, upcasterAttribute), LazyThreadSafetyMode.ExecutionAndPublication);
            start.RegisterSymbolAction(symbol => Analyze(symbol, eventAttribute, history), SymbolKind.NamedType);
        });
    }

    private static void Analyze(SymbolAnalysisContext context, INamedTypeSymbol eventAttribute, Lazy<History> history)
    {
        var type = (INamedTypeSymbol)context.Symbol;
        if (type.GetAttribute(eventAttribute) is not { } attribute)
        {
            return;
        }

        string name = EventRules.StoredName(type, attribute);
        int version = EventRules.StoredVersion(attribute);
        if (history.Value.LatestOf(name) is { } latest && version < latest && !history.Value.Reaches(name, version, latest)
            && type.Locations.FirstOrDefault(l => l.IsInSource) is { } location)
        {
            context.ReportDiagnostic(Diagnostic.Create(
                DiagnosticDescriptors.VersionWithoutPathToLatest, location, type.Name, version, name, latest));
        }
    }

    /// <summary>Every version of every event name in the compilation, and the upcasters between them.</summary>
    private sealed class History
    {
        private readonly Dictionary<string, int> _latest = new(StringComparer.Ordinal);
        private readonly Dictionary<(string Name, int From), List<int>> _edges = new();

        public int? LatestOf(string name) => _latest.TryGetValue(name, out int latest) ? latest : null;

        public bool Reaches(string name, int from, int latest)
        {
            var seen = new HashSet<int>();
            var pending = new Stack<int>();
            pending.Push(from);
            while (pending.Count > 0)
            {
                int version = pending.Pop();
                if (version == latest)
                {
                    return true;
                }

                if (seen.Add(version) && _edges.TryGetValue((name, version), out var next))
                {
                    foreach (int to in next)
                    {
                        pending.Push(to);
                    }
                }
            }

            return false;
        }

        public static History Read(Compilation compilation, INamedTypeSymbol eventAttribute, INamedTypeSymbol upcasterAttribute)
        {
            var history = new History();
            foreach (var type in SourceTypes.All(compilation))
            {
                history.Add(type, eventAttribute, upcasterAttribute);
            }

            return history;
        }

        private void Add(INamedTypeSymbol type, INamedTypeSymbol eventAttribute, INamedTypeSymbol upcasterAttribute)
        {
            if (type.GetAttribute(eventAttribute) is { } attribute)
            {
                string name = EventRules.StoredName(type, attribute);
                int version = EventRules.StoredVersion(attribute);
                _latest[name] = Math.Max(version, _latest.TryGetValue(name, out int known) ? known : 0);
            }

            foreach (var method in type.GetMembers().OfType<IMethodSymbol>())
            {
                var upcaster = method.GetAttribute(upcasterAttribute);
                if (upcaster is null || method.Parameters.Length != 1)
                {
                    continue;
                }

                if (method.Parameters[0].Type is INamedTypeSymbol from && method.ReturnType is INamedTypeSymbol to
                    && from.GetAttribute(eventAttribute) is { } fromEvent && to.GetAttribute(eventAttribute) is { } toEvent)
                {
                    string fromName = EventRules.StoredName(from, fromEvent);
                    if (fromName == EventRules.StoredName(to, toEvent))
                    {
                        Edge(fromName, EventRules.StoredVersion(fromEvent), EventRules.StoredVersion(toEvent));
                    }
                }
                else if (upcaster.ConstructorArguments.Length > 0 && upcaster.ConstructorArguments[0].Value is string jsonName
                    && upcaster.NamedArguments.FirstOrDefault(a => a.Key == "FromVersion").Value.Value is int fromVersion)
                {
                    Edge(jsonName, fromVersion, fromVersion + 1);
                }
            }
        }

        private void Edge(string name, int from, int to)
        {
            if (!_edges.TryGetValue((name, from), out var next))
            {
                _edges[(name, from)] = next = [];
            }

            next.Add(to);
        }
    }
}

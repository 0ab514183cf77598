using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;

namespace Eventfold.Compiler;

/// <summary>An accepted Handle method with its index in the generated switch, and its key method if any.</summary>
internal sealed class DispatchHandler(HandlerCandidate candidate, IMethodSymbol method, ITypeSymbol message)
{
    public HandlerCandidate Candidate { get; } = candidate;

    public IMethodSymbol Method { get; } = method;

    public ITypeSymbol Message { get; } = message;

    public IMethodSymbol? KeyOf { get; set; }
}

/// <summary>A <c>[BoundedDispatcher]</c> class as the generator and the analyzers both read it.</summary>
internal sealed class DispatcherReading
{
    /// <summary>Every Handle method; the rejected ones are EVF008.</summary>
    public List<Found<HandlerCandidate>> Candidates { get; } = new();

    /// <summary>The accepted Handle methods, one per message type, ordered by message type: the switch's indices.</summary>
    public List<DispatchHandler> Handlers { get; } = new();

    /// <summary>The key type of the <c>KeyOf</c> methods; null when the dispatcher declares none (no ordering).</summary>
    public ITypeSymbol? KeyType { get; set; }

    public List<Found<DispatcherProblem>> Problems { get; } = new();

    /// <summary>Whether the generator emits the class: no problem, and at least one Handle it can call.</summary>
    public bool CanGenerate => Problems.Count == 0 && Handlers.Count > 0;
}

/// <summary>
/// Whether the generator can implement a <c>[BoundedDispatcher]</c> class, and if not, every reason why.
/// The generator emits nothing for a class with a problem; the analyzers report each one. One reading,
/// used by both, so a dispatcher is never skipped in silence.
/// </summary>
internal static class DispatcherRules
{
    public const string KeyMethodName = "KeyOf";

    /// <summary>The attribute's values, with the attribute's own defaults.</summary>
    public static (int Capacity, int Overflow, int Workers, int MaxWorkers, int PerSecond) Settings(AttributeData attribute) =>
        (Named(attribute, "Capacity", 1024), Named(attribute, "Overflow", 0), Named(attribute, "Workers", 1), Named(attribute, "MaxWorkers", 0), Named(attribute, "PerSecond", 0));

    public static DispatcherReading Read(INamedTypeSymbol type, AttributeData attribute, CancellationToken ct = default)
    {
        var reading = new DispatcherReading();
        void Add(DispatcherProblemKind kind, string message, ISymbol? at = null) =>
            reading.Problems.Add(new Found<DispatcherProblem>(new DispatcherProblem(kind, message), at ?? type));

        string name = type.Name;
        CheckSettings(name, Settings(attribute), Add);
        if (type.IsStatic)
        {
            Add(DispatcherProblemKind.IsStatic, $"Dispatcher '{name}' is static; a dispatcher is an instance that holds its queue and workers, so remove 'static'");
        }

        for (var current = type; current is not null; current = current.ContainingType)
        {
            if (current.TypeParameters.Length > 0)
            {
                Add(DispatcherProblemKind.IsGeneric, SymbolEqualityComparer.Default.Equals(current, type)
                    ? $"Dispatcher '{name}' is generic; the generator writes one concrete dispatcher per class, so remove its type parameters"
                    : $"Dispatcher '{name}' is nested in the generic type '{current.Name}'; declare it outside '{current.Name}'");
                break;
            }
        }

        DispatcherMemberRules.CheckNames(type, Add);
        reading.Candidates.AddRange(HandleHandlerReader.Read(type, ct));
        if (reading.Candidates.Count == 0)
        {
            Add(DispatcherProblemKind.NoHandleMethod, $"Dispatcher '{name}' has no Handle method, so it could take no message; add 'Task Handle(TMessage m, CancellationToken ct)' for each message type");
        }

        var byType = new Dictionary<string, DispatchHandler>(StringComparer.Ordinal);
        foreach (var found in reading.Candidates.Where(c => c.Value.IsAccepted))
        {
            var method = (IMethodSymbol)found.Symbol;
            if (byType.TryGetValue(found.Value.EventType, out var first))
            {
                Add(
                    DispatcherProblemKind.DuplicateHandle,
                    $"Dispatcher '{name}' has two Handle methods for '{CompilerNames.Display(method.Parameters[0].Type)}'; the generated EnqueueAsync could not tell which to call, so keep one",
                    method);
                continue;
            }

            byType.Add(found.Value.EventType, new DispatchHandler(found.Value, method, method.Parameters[0].Type));
        }

        reading.Handlers.AddRange(byType.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Value));
        DispatcherMemberRules.CheckAccessibility(type, byType.Values.OrderBy(h => h.Method.Locations.FirstOrDefault()?.SourceSpan.Start ?? 0), Add);
        ReadKeys(type, reading, byType, Add);
        return reading;
    }

    private static void CheckSettings(string name, (int Capacity, int Overflow, int Workers, int MaxWorkers, int PerSecond) s, Action<DispatcherProblemKind, string, ISymbol?> add)
    {
        if (s.Capacity < 1)
        {
            add(DispatcherProblemKind.CapacityBelowOne, $"[BoundedDispatcher] on '{name}' has Capacity = {s.Capacity}; the queue must hold at least one message", null);
        }

        if (s.Workers < 1)
        {
            add(DispatcherProblemKind.WorkersBelowOne, $"[BoundedDispatcher] on '{name}' has Workers = {s.Workers}; at least one worker must handle the queue", null);
        }
        else if (s.MaxWorkers != 0 && s.MaxWorkers < s.Workers)
        {
            add(DispatcherProblemKind.MaxWorkersBelowWorkers, $"[BoundedDispatcher] on '{name}' has MaxWorkers = {s.MaxWorkers}, below Workers = {s.Workers}; raise MaxWorkers to at least {s.Workers}, or set it to 0 for a fixed number of workers", null);
        }

        if (s.Overflow is < 0 or > 3)
        {
            add(DispatcherProblemKind.OverflowUndefined, $"[BoundedDispatcher] on '{name}' has Overflow = {s.Overflow}, which is not an OverflowPolicy; use Wait, DropOldest, DropNewest or Reject", null);
        }

        if (s.PerSecond < 0)
        {
            add(DispatcherProblemKind.PerSecondNegative, $"[BoundedDispatcher] on '{name}' has PerSecond = {s.PerSecond}; give a positive rate, or 0 for no limit", null);
        }
    }

    /// <summary>
    /// Ordering by key: <c>static TKey KeyOf(TMessage m)</c>, one per handled message type, all with the same key
    /// type. Declaring any makes the dispatcher ordered, so then every handled type needs one.
    /// </summary>
    private static void ReadKeys(INamedTypeSymbol type, DispatcherReading reading, Dictionary<string, DispatchHandler> byType, Action<DispatcherProblemKind, string, ISymbol?> add)
    {
        const string KeyShape = "'static TKey KeyOf(TMessage m)', one per handled message type, with the same non-nullable key type";
        var keyMethods = type.GetMembers(KeyMethodName).OfType<IMethodSymbol>().Where(m => m.MethodKind == MethodKind.Ordinary).ToList();
        if (keyMethods.Count == 0)
        {
            return;
        }

        string name = type.Name;
        ITypeSymbol? keyType = null;
        bool allFit = true;
        foreach (var method in keyMethods)
        {
            string? wrong = null;
            if (!method.IsStatic)
            {
                wrong = "it is not static; a key is read from the message alone, before a worker takes it";
            }
            else if (method.IsGenericMethod)
            {
                wrong = "it is generic";
            }
            else if (method.ReturnsVoid || method.ReturnsByRef || method.ReturnsByRefReadonly)
            {
                wrong = method.ReturnsVoid ? "it returns void; it returns the message's key" : "it returns by reference";
            }
            else if (method.Parameters.Length != 1 || method.Parameters[0].RefKind is not (RefKind.None or RefKind.In))
            {
                wrong = $"it takes {method.Parameters.Length} parameters; it takes only the message, by value";
            }
            else if (method.ReturnNullableAnnotation == NullableAnnotation.Annotated || method.ReturnType.OriginalDefinition.SpecialType == SpecialType.System_Nullable_T)
            {
                wrong = $"it returns the nullable '{method.ReturnType.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat)}'; every message needs a key";
            }
            else if (!byType.TryGetValue(CompilerNames.FullyQualified(method.Parameters[0].Type), out var handler))
            {
                wrong = $"it takes '{CompilerNames.Display(method.Parameters[0].Type)}', which no Handle method of '{name}' takes";
            }
            else if (keyType is not null && !SymbolEqualityComparer.Default.Equals(keyType, method.ReturnType))
            {
                wrong = $"it returns '{CompilerNames.Display(method.ReturnType)}' where another KeyOf returns '{CompilerNames.Display(keyType)}'; all keys of a dispatcher have one type";
            }
            else
            {
                keyType ??= method.ReturnType;
                handler.KeyOf = method;
                continue;
            }

            allFit = false;
            add(DispatcherProblemKind.KeyMethodShape, $"Key method '{name}.{method.Name}' cannot order messages: {wrong}; expected {KeyShape}", method);
        }

        if (!allFit || keyType is null)
        {
            return;
        }

        foreach (var handler in reading.Handlers.Where(h => h.KeyOf is null))
        {
            add(
                DispatcherProblemKind.KeyMissing,
                $"Dispatcher '{name}' orders messages by key but has no 'static {CompilerNames.Display(keyType)} KeyOf({CompilerNames.Display(handler.Message)} m)'; every handled message type needs its key",
                handler.Method);
        }

        reading.KeyType = keyType;
    }

    private static int Named(AttributeData attribute, string name, int fallback)
    {
        foreach (var pair in attribute.NamedArguments)
        {
            if (pair.Key == name && pair.Value.Value is int value)
            {
                return value;
            }
        }

        return fallback;
    }
}

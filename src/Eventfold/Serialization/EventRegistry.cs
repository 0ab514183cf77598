using System.Text.Json.Nodes;

namespace Eventfold;

/// <summary>
/// Maps event names and schema versions to CLR types and back, and holds the upcasters between
/// versions. The generator fills <see cref="Default"/> from each assembly's <c>[Event]</c> and
/// <c>[Upcaster]</c> declarations when the assembly loads, so nothing is scanned at run time.
/// Reads are lock-free; registrations (rare, at start-up) copy and swap the tables.
/// </summary>
public sealed class EventRegistry
{
    private readonly Lock _writeGate = new();
    private volatile Tables _tables = Tables.Empty;

    /// <summary>The registry every store uses unless given another.</summary>
    public static EventRegistry Default { get; } = new();

    /// <summary>Every registered event schema.</summary>
    public IReadOnlyCollection<EventType> All => _tables.ByType.Values;

    public void Register<TEvent>(string name, int version) => Register(typeof(TEvent), name, version);

    /// <summary>
    /// Registers <paramref name="type"/> as version <paramref name="version"/> of <paramref name="name"/>.
    /// Registering the same triple again does nothing; a conflicting one throws.
    /// </summary>
    public void Register(Type type, string name, int version)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentOutOfRangeException.ThrowIfLessThan(version, 1);
        var entry = new EventType(type, name, version);
        lock (_writeGate)
        {
            var tables = _tables;
            if (tables.ByType.TryGetValue(type, out var existing))
            {
                if (existing == entry)
                {
                    return;
                }

                throw new InvalidOperationException($"Type '{type.FullName}' is already registered as '{existing.Name}' version {existing.Version}.");
            }

            if (tables.ByName.TryGetValue((name, version), out var taken))
            {
                throw new InvalidOperationException($"Event '{name}' version {version} is declared by both '{taken.ClrType.FullName}' and '{type.FullName}'.");
            }

            _tables = tables.With(entry);
        }
    }

    /// <summary>
    /// Registers a typed upcaster from version <paramref name="fromVersion"/> of <paramref name="name"/>
    /// (stored as <typeparamref name="TFrom"/>) to <typeparamref name="TTo"/>, a later version. Name and
    /// version are passed in, not looked up, so registration order across assemblies does not matter.
    /// </summary>
    public void RegisterUpcaster<TFrom, TTo>(string name, int fromVersion, Func<TFrom, TTo> upcast)
        where TFrom : notnull
        where TTo : notnull
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(upcast);
        lock (_writeGate)
        {
            var tables = _tables;
            _tables = tables with
            {
                TypedUpcasters = new Dictionary<(string, int), Func<object, object>>(tables.TypedUpcasters)
                {
                    [(name, fromVersion)] = e => upcast((TFrom)e),
                },
            };
        }
    }

    /// <summary>Registers a JSON upcaster from version <paramref name="fromVersion"/> of <paramref name="name"/> to the next version.</summary>
    public void RegisterJsonUpcaster(string name, int fromVersion, Func<JsonObject, JsonObject> upcast)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(upcast);
        lock (_writeGate)
        {
            var tables = _tables;
            _tables = tables with
            {
                JsonUpcasters = new Dictionary<(string, int), Func<JsonObject, JsonObject>>(tables.JsonUpcasters)
                {
                    [(name, fromVersion)] = upcast,
                },
            };
        }
    }

    /// <summary>
    /// Registers the generated chain that reads version <paramref name="fromVersion"/> of <paramref name="name"/>
    /// as the latest version. The serializer runs it before any single upcaster registered for that version:
    /// the generator composed the path at build time, so nothing is searched when events are read.
    /// </summary>
    public void RegisterChain(string name, int fromVersion, UpcastChain chain)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(chain);
        lock (_writeGate)
        {
            var tables = _tables;
            _tables = tables with
            {
                Chains = new Dictionary<(string, int), UpcastChain>(tables.Chains) { [(name, fromVersion)] = chain },
            };
        }
    }

    public bool TryGetByType(Type type, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out EventType? eventType) =>
        _tables.ByType.TryGetValue(type, out eventType);

    public bool TryGet(string name, int version, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out EventType? eventType) =>
        _tables.ByName.TryGetValue((name, version), out eventType);

    /// <summary>The highest registered version of <paramref name="name"/>, or 0 when none is.</summary>
    public int LatestVersion(string name) => _tables.Latest.GetValueOrDefault(name);

    internal bool TryGetTypedUpcaster(string name, int fromVersion, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Func<object, object>? upcast) =>
        _tables.TypedUpcasters.TryGetValue((name, fromVersion), out upcast);

    internal bool TryGetJsonUpcaster(string name, int fromVersion, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Func<JsonObject, JsonObject>? upcast) =>
        _tables.JsonUpcasters.TryGetValue((name, fromVersion), out upcast);

    internal bool TryGetChain(string name, int fromVersion, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out UpcastChain? chain) =>
        _tables.Chains.TryGetValue((name, fromVersion), out chain);

    private sealed record Tables(
        Dictionary<Type, EventType> ByType,
        Dictionary<(string Name, int Version), EventType> ByName,
        Dictionary<string, int> Latest,
        Dictionary<(string Name, int Version), Func<object, object>> TypedUpcasters,
        Dictionary<(string Name, int Version), Func<JsonObject, JsonObject>> JsonUpcasters,
        Dictionary<(string Name, int Version), UpcastChain> Chains)
    {
        public static Tables Empty { get; } = new([], [], new(StringComparer.Ordinal), [], [], []);

        public Tables With(EventType entry)
        {
            var latest = new Dictionary<string, int>(Latest, StringComparer.Ordinal);
            latest[entry.Name] = Math.Max(latest.GetValueOrDefault(entry.Name), entry.Version);
            return this with
            {
                ByType = new Dictionary<Type, EventType>(ByType) { [entry.ClrType] = entry },
                ByName = new Dictionary<(string, int), EventType>(ByName) { [(entry.Name, entry.Version)] = entry },
                Latest = latest,
            };
        }
    }
}

using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Eventfold;

/// <summary>
/// Turns events into their stored JSON form and back, through one <see cref="EventRegistry"/>. Reading
/// an older schema version runs the generated upcast chain of that version (one direct call per upcaster,
/// composed at build time), or else the single upcasters registered by hand, until the latest version's type comes out.
/// Pass a <see cref="JsonSerializerContext"/> to <see cref="Create(JsonSerializerContext, EventRegistry?)"/>
/// to serialize with source-generated metadata and no reflection.
/// </summary>
/// <remarks>
/// Payloads are read strictly: a constructor parameter without a default value must be present, and a
/// member whose type is not nullable must not be null (System.Text.Json's
/// <see cref="JsonSerializerOptions.RespectRequiredConstructorParameters"/> and
/// <see cref="JsonSerializerOptions.RespectNullableAnnotations"/>), so a stored event never turns into
/// an object with a silent default. A member that older events may lack says so in its type: a default
/// value or a nullable type.
/// </remarks>
public sealed class EventSerializer
{
    /// <param name="registry">The event types and upcasters; <see cref="EventRegistry.Default"/> when null.</param>
    /// <param name="options">
    /// JSON settings to start from (web defaults when null). They are copied, never changed: the copy
    /// gets the strict settings above and a reflection resolver if it has none.
    /// </param>
    public EventSerializer(EventRegistry? registry = null, JsonSerializerOptions? options = null)
    {
        Registry = registry ?? EventRegistry.Default;
        Options = StrictCopyOf(options);
    }

    /// <summary>
    /// Web (camelCase) JSON over <see cref="EventRegistry.Default"/>, with reflection-based metadata. In a trimmed
    /// or Native AOT application reflection is off: using this throws, saying to pass a context to <see cref="Create(JsonSerializerContext, EventRegistry?)"/>.
    /// </summary>
    public static EventSerializer Default => DefaultInstance.Value;

    // Built on first use, so an application that passes its context never builds the reflection-based one.
    private static readonly Lazy<EventSerializer> DefaultInstance = new(() => new EventSerializer());

    public EventRegistry Registry { get; }

    public JsonSerializerOptions Options { get; }

    /// <summary>
    /// The options aggregate snapshots are written and read with: the general defaults (exact member names, so
    /// every captured member comes back), with the same JSON metadata as the events.
    /// </summary>
    internal JsonSerializerOptions SnapshotOptions => _snapshotOptions ??= SnapshotOptionsFor(Options);

    private JsonSerializerOptions? _snapshotOptions;

    /// <summary>A serializer whose JSON metadata comes from a source-generated context.</summary>
    /// <remarks>
    /// Events are stored with web defaults (camelCase names, read case-insensitively). A context whose options
    /// name or match properties otherwise would read stored events with their fields missing, so it is refused.
    /// </remarks>
    /// <exception cref="ArgumentException">The context's options read stored JSON differently from how it is written.</exception>
    public static EventSerializer Create(JsonSerializerContext context, EventRegistry? registry = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        StoredJsonConvention.EnsureReadsStoredJson(context);
        // Eventfold's own events (the saga log) come from its own context, after the application's.
        var options = new JsonSerializerOptions(context.Options) { TypeInfoResolver = JsonTypeInfoResolver.Combine(context, EventfoldJsonContext.Default) };
        return new EventSerializer(registry, options);
    }

    /// <summary>Serializes an event as the version its type is registered as (the latest, or an older one).</summary>
    /// <exception cref="UnregisteredEventTypeException">The event's type is not registered.</exception>
    public SerializedEvent Serialize(EventData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.Event is RawEvent raw)
        {
            return SerializeRaw(data, raw);
        }

        var type = data.Event.GetType();
        if (!Registry.TryGetByType(type, out var eventType))
        {
            throw new UnregisteredEventTypeException(type);
        }

        // An older version's type is written as that version, exactly as an older release wrote it (tests and
        // migrations need this); aggregates never raise one: the repository refuses to save it.
        byte[] payload = JsonSerializer.SerializeToUtf8Bytes(data.Event, Options.GetTypeInfo(type));
        return new SerializedEvent(data.EventId, eventType.Name, eventType.Version, payload, MetadataCodec.Encode(data.Metadata));
    }

    private static SerializedEvent SerializeRaw(EventData data, RawEvent raw)
    {
        ArgumentException.ThrowIfNullOrEmpty(raw.EventName);
        ArgumentOutOfRangeException.ThrowIfLessThan(raw.SchemaVersion, 1);
        return new SerializedEvent(data.EventId, raw.EventName, raw.SchemaVersion, raw.Data.ToArray(), MetadataCodec.Encode(data.Metadata));
    }

    /// <summary>
    /// Reads a stored event as the latest type of its name.
    /// </summary>
    /// <exception cref="EventDeserializationException">Unknown name or version, unreadable payload, or a failing upcaster.</exception>
    public object Deserialize(string stream, long version, string eventName, int schemaVersion, ReadOnlySpan<byte> data) =>
        Deserialize(stream, version, eventName, schemaVersion, data, position: null);

    /// <summary>Like <see cref="Deserialize(string, long, string, int, ReadOnlySpan{byte})"/>, naming the global position in an error.</summary>
    public object Deserialize(string stream, long version, string eventName, int schemaVersion, ReadOnlySpan<byte> data, GlobalPosition? position)
    {
        int current = schemaVersion;
        int latest = Registry.LatestVersion(eventName);
        JsonObject? json = null;
        object? value = null;
        if (schemaVersion < latest && Registry.TryGetChain(eventName, schemaVersion, out var chain))
        {
            value = ReadThroughChain(chain, stream, version, eventName, schemaVersion, data, position);
            if (!Registry.TryGetByType(value.GetType(), out var reached) || reached.Name != eventName || reached.Version <= schemaVersion)
            {
                throw Fail($"the upcast chain from version {schemaVersion} returned '{value.GetType().FullName}', which is not a later version of '{eventName}'");
            }

            if (reached.Version >= latest)
            {
                return value;
            }

            // A later version registered by another assembly: on through the single upcasters registered for it.
            current = reached.Version;
        }

        string stage = "reading the payload";
        // The type being read, named in the message only if reading fails: formatting that message up
        // front would allocate a string for every event read.
        Type? readingAs = null;
        try
        {
            while (true)
            {
                if (value is null)
                {
                    // A version with a type and a JSON upcaster but no typed one goes on as JSON, as a generated chain
                    // would: the case of a name whose latest type the generator could not see (a published state).
                    bool jsonStep = current < latest
                        && !Registry.TryGetTypedUpcaster(eventName, current, out _)
                        && Registry.TryGetJsonUpcaster(eventName, current, out _);
                    if (!jsonStep && Registry.TryGet(eventName, current, out var eventType))
                    {
                        readingAs = eventType.ClrType;
                        var typeInfo = Options.GetTypeInfo(eventType.ClrType);
                        value = json is null ? JsonSerializer.Deserialize(data, typeInfo) : json.Deserialize(typeInfo);
                        readingAs = null;
                        if (value is null)
                        {
                            throw Fail("the payload is JSON null");
                        }
                    }
                    else if (Registry.TryGetJsonUpcaster(eventName, current, out var jsonUpcast))
                    {
                        stage = $"reading the payload as a JSON object";
                        json ??= JsonNode.Parse(data) as JsonObject ?? throw Fail("the payload is not a JSON object");
                        stage = $"upcasting JSON from version {current}";
                        json = jsonUpcast(json);
                        current++;
                        continue;
                    }
                    else
                    {
                        throw Fail(latest == 0
                            ? "no [Event] type is registered with that name"
                            : $"no [Event] type or upcaster is registered for version {current}");
                    }
                }

                if (current >= latest)
                {
                    return value;
                }

                if (!Registry.TryGetTypedUpcaster(eventName, current, out var upcast))
                {
                    if (Registry.TryGetJsonUpcaster(eventName, current, out _))
                    {
                        // A JSON step after a typed one: the object goes on as JSON.
                        stage = $"writing version {current} as JSON";
                        json = JsonSerializer.SerializeToNode(value, Options.GetTypeInfo(value.GetType())) as JsonObject
                            ?? throw Fail($"version {current} ('{value.GetType().FullName}') is not written as a JSON object");
                        value = null;
                        continue;
                    }

                    throw Fail($"no upcaster leads from version {current} to the latest version {latest}");
                }

                stage = $"upcasting from version {current}";
                value = upcast(value);
                if (!Registry.TryGetByType(value.GetType(), out var next) || next.Name != eventName || next.Version <= current)
                {
                    throw Fail($"the upcaster from version {current} returned '{value.GetType().FullName}', which is not a later version of '{eventName}'");
                }

                current = next.Version;
            }
        }
        catch (EventDeserializationException)
        {
            throw;
        }
        catch (Exception ex)
        {
            string during = readingAs is null ? stage : $"reading the payload as '{readingAs.FullName}'";
            throw new EventDeserializationException(stream, version, eventName, schemaVersion, $"failed while {during}: {ex.Message}", ex, position);
        }

        EventDeserializationException Fail(string reason) =>
            new(stream, version, eventName, schemaVersion, reason, position: position);
    }

    /// <summary>Runs a generated chain; a failure names the step that failed, and the stored bytes stay as they are.</summary>
    private object ReadThroughChain(UpcastChain chain, string stream, long version, string eventName, int schemaVersion, ReadOnlySpan<byte> data, GlobalPosition? position)
    {
        var context = new UpcastChainContext(Options);
        try
        {
            return chain(data, ref context) ?? throw new InvalidOperationException("the upcast chain returned null");
        }
        catch (Exception ex)
        {
            throw new EventDeserializationException(stream, version, eventName, schemaVersion, $"failed while {context.Describe()}: {ex.Message}", ex, position);
        }
    }

    /// <summary>Whether events of <paramref name="eventName"/> can be read here: some version of it is registered.</summary>
    public bool IsKnown(string eventName) => Registry.LatestVersion(eventName) > 0;

    /// <summary>Reads the stored metadata of an event; no bytes at all read as <see cref="EventMetadata.Empty"/>.</summary>
    /// <exception cref="EventDeserializationException">The metadata is not a JSON object.</exception>
    public EventMetadata DeserializeMetadata(string stream, long version, string eventName, int schemaVersion, ReadOnlySpan<byte> metadata, GlobalPosition? position = null)
    {
        try
        {
            return MetadataCodec.Decode(metadata);
        }
        catch (Exception ex) when (ex is JsonException or FormatException)
        {
            throw new EventDeserializationException(stream, version, eventName, schemaVersion, $"its metadata is unreadable: {ex.Message}", ex, position);
        }
    }

    private static JsonSerializerOptions StrictCopyOf(JsonSerializerOptions? given)
    {
        var options = given is null ? new JsonSerializerOptions(JsonSerializerDefaults.Web) : new JsonSerializerOptions(given);
        // Generated published states come first: an application's context cannot list them.
        options.TypeInfoResolver = GeneratedJson.Before(options.TypeInfoResolver ?? ReflectionSerialization.ResolverOrThrow());
        options.RespectRequiredConstructorParameters = true;
        options.RespectNullableAnnotations = true;
        options.MakeReadOnly();
        return options;
    }

    private static JsonSerializerOptions SnapshotOptionsFor(JsonSerializerOptions events)
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.General) { TypeInfoResolver = events.TypeInfoResolver };
        options.MakeReadOnly();
        return options;
    }
}

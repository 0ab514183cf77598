using System.ComponentModel;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;

namespace Eventfold;

/// <summary>
/// What a generated <see cref="UpcastChain"/> calls between its upcasters: it reads payloads with the
/// serializer's options and records which step runs, so that <see cref="EventSerializer"/> can say where a
/// chain failed. A ref struct on the reader's stack: one per read, nothing allocated to track progress.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public ref struct UpcastChainContext
{
    private readonly JsonSerializerOptions _options;
    private Step _step;
    private int _stepVersion;
    private Type? _readingAs;

    internal UpcastChainContext(JsonSerializerOptions options)
    {
        _options = options;
        _step = Step.ReadingPayload;
    }

    private enum Step
    {
        ReadingPayload,
        ReadingJsonObject,
        ReadingAsType,
        WritingAsJson,
        Upcasting,
    }

    /// <summary>Reads the payload of version <paramref name="version"/> as <typeparamref name="T"/>.</summary>
    public T Read<T>(ReadOnlySpan<byte> payload, int version)
    {
        At(Step.ReadingAsType, version, typeof(T));
        return NotNull(JsonSerializer.Deserialize(payload, TypeInfo<T>()));
    }

    /// <summary>Reads the JSON of version <paramref name="version"/>, which a JSON upcaster produced, as <typeparamref name="T"/>.</summary>
    public T Read<T>(JsonObject json, int version)
    {
        At(Step.ReadingAsType, version, typeof(T));
        return NotNull(json.Deserialize(TypeInfo<T>()));
    }

    /// <summary>Reads the payload of version <paramref name="version"/> as a JSON object, for a JSON upcaster.</summary>
    public JsonObject ReadJson(ReadOnlySpan<byte> payload, int version)
    {
        At(Step.ReadingJsonObject, version, null);
        return JsonNode.Parse(payload) as JsonObject ?? throw new FormatException("the payload is not a JSON object");
    }

    /// <summary>Writes an object of version <paramref name="version"/> as JSON, for a JSON upcaster that follows a typed one.</summary>
    public JsonObject ToJson<T>(T value, int version)
    {
        At(Step.WritingAsJson, version, typeof(T));
        return JsonSerializer.SerializeToNode(value, TypeInfo<T>()) as JsonObject
            ?? throw new FormatException($"'{typeof(T).FullName}' is not written as a JSON object");
    }

    /// <summary>Marks the upcaster from version <paramref name="fromVersion"/> as the step under way.</summary>
    public void Upcasting(int fromVersion) => At(Step.Upcasting, fromVersion, null);

    /// <summary>What an upcaster returned, which must not be null.</summary>
    public T Upcasted<T>(T value) =>
        value is null ? throw new InvalidOperationException($"the upcaster from version {_stepVersion} returned null") : value;

    /// <summary>The step under way, as an error message says it: "upcasting from version 1".</summary>
    internal readonly string Describe() => _step switch
    {
        Step.ReadingJsonObject => $"reading version {_stepVersion} as a JSON object",
        Step.ReadingAsType => $"reading version {_stepVersion} as '{_readingAs?.FullName}'",
        Step.WritingAsJson => $"writing version {_stepVersion} ('{_readingAs?.FullName}') as JSON",
        Step.Upcasting => $"upcasting from version {_stepVersion}",
        _ => "reading the payload",
    };

    private void At(Step step, int version, Type? type)
    {
        _step = step;
        _stepVersion = version;
        _readingAs = type;
    }

    private readonly JsonTypeInfo<T> TypeInfo<T>() => (JsonTypeInfo<T>)_options.GetTypeInfo(typeof(T));

    private static T NotNull<T>(T? value) => value ?? throw new FormatException("the payload is JSON null");
}

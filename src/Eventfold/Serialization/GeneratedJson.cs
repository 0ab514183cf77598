using System.Collections.Concurrent;
using System.ComponentModel;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Eventfold;

/// <summary>
/// JSON for the types Eventfold's generators write and System.Text.Json's source generator cannot see (source
/// generators do not see each other's output): each generated <c>{Aggregate}State</c> record registers its
/// generated converter here when its assembly loads, and every serializer Eventfold builds consults it first.
/// So a published state is written the same way with reflection, with an application's context and under
/// Native AOT, and the application's context lists only the member types. Also the members' reads and writes
/// of the generated code, through metadata the options resolve (never reflection the trimmer cannot see).
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class GeneratedJson
{
    private static readonly ConcurrentDictionary<Type, Func<JsonSerializerOptions, JsonTypeInfo>> Converters = new();

    /// <summary>Called by generated module initializers: <typeparamref name="T"/> is written and read by the converter <paramref name="create"/> makes for given options.</summary>
    public static void Register<T>(Func<JsonSerializerOptions, JsonConverter<T>> create)
    {
        ArgumentNullException.ThrowIfNull(create);
        Converters[typeof(T)] = options => JsonMetadataServices.CreateValueInfo<T>(options, create(options));
    }

    /// <summary>The metadata of the generated types; null for every other type, which the next resolver answers.</summary>
    internal static IJsonTypeInfoResolver Resolver { get; } = new GeneratedTypes();

    /// <summary><paramref name="resolver"/>, with the generated types answered before it.</summary>
    internal static IJsonTypeInfoResolver Before(IJsonTypeInfoResolver resolver) => JsonTypeInfoResolver.Combine(Resolver, resolver);

    /// <summary>Writes <paramref name="value"/> through the metadata <paramref name="options"/> resolve for <typeparamref name="T"/>.</summary>
    public static void Write<T>(Utf8JsonWriter writer, T value, JsonSerializerOptions options) =>
        JsonSerializer.Serialize(writer, value, TypeInfo<T>(options));

    /// <summary>Reads a <typeparamref name="T"/> at the reader's current token through the metadata <paramref name="options"/> resolve.</summary>
    public static T? Read<T>(ref Utf8JsonReader reader, JsonSerializerOptions options) =>
        JsonSerializer.Deserialize(ref reader, TypeInfo<T>(options));

    /// <summary>
    /// The index of the property name at the reader in <paramref name="names"/> (exact, or ignoring case when the
    /// options read so), or -1 for a property the type does not have.
    /// </summary>
    public static int PropertyIndex(ref Utf8JsonReader reader, string[] names, JsonSerializerOptions options)
    {
        for (int i = 0; i < names.Length; i++)
        {
            if (reader.ValueTextEquals(names[i]))
            {
                return i;
            }
        }

        if (options.PropertyNameCaseInsensitive)
        {
            string name = reader.GetString()!;
            for (int i = 0; i < names.Length; i++)
            {
                if (string.Equals(name, names[i], StringComparison.OrdinalIgnoreCase))
                {
                    return i;
                }
            }
        }

        return -1;
    }

    /// <summary>A member's JSON name, as the options' naming policy writes it.</summary>
    public static string PropertyName(string member, JsonSerializerOptions options) =>
        options.PropertyNamingPolicy?.ConvertName(member) ?? member;

    /// <summary>The error for a JSON object that lacks a member the type needs (never read as a default value).</summary>
    public static JsonException MissingMember(Type type, string member) =>
        new($"The JSON object has no '{member}', which '{type.FullName}' needs.");

    /// <summary>The error for a null where the member's type is not nullable.</summary>
    public static JsonException NullMember(Type type, string member) =>
        new($"The JSON object holds null for '{member}' of '{type.FullName}', whose type is not nullable.");

    private static JsonTypeInfo<T> TypeInfo<T>(JsonSerializerOptions options) => (JsonTypeInfo<T>)options.GetTypeInfo(typeof(T));

    private sealed class GeneratedTypes : IJsonTypeInfoResolver
    {
        public JsonTypeInfo? GetTypeInfo(Type type, JsonSerializerOptions options) =>
            Converters.TryGetValue(type, out var create) ? create(options) : null;
    }
}

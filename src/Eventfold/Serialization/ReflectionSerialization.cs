using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Eventfold;

/// <summary>
/// The reflection-based JSON metadata used when no <see cref="System.Text.Json.Serialization.JsonSerializerContext"/>
/// is given. It sits behind System.Text.Json's own feature switch, which a trimmed or Native AOT publish turns
/// off: the trimmer then drops this path, so an application that passes its context gets no warning from it.
/// </summary>
internal static class ReflectionSerialization
{
    private const string Switch = "System.Text.Json.JsonSerializer.IsReflectionEnabledByDefault";

    /// <summary>False in a trimmed or Native AOT application (unless it turns reflection back on).</summary>
    [FeatureSwitchDefinition(Switch)]
    internal static bool IsEnabled => !AppContext.TryGetSwitch(Switch, out bool enabled) || enabled;

    [RequiresUnreferencedCode("Reflection-based JSON metadata; pass a JsonSerializerContext instead.")]
    [RequiresDynamicCode("Reflection-based JSON metadata; pass a JsonSerializerContext instead.")]
    internal static IJsonTypeInfoResolver CreateResolver() => new DefaultJsonTypeInfoResolver();

    /// <summary>The resolver for event options that bring none, or a clear error saying what to add.</summary>
    internal static IJsonTypeInfoResolver ResolverOrThrow() => ResolverOrThrow(
        "Eventfold has no JSON metadata for events",
        "Declare a context, [JsonSourceGenerationOptions(JsonSerializerDefaults.Web)] [JsonSerializable(typeof(YourEvent))] "
        + "partial class AppJsonContext : JsonSerializerContext, and pass it: EventStoreOptions.Serializer = EventSerializer.Create(AppJsonContext.Default).");

    /// <summary>
    /// The reflection-based resolver while the switch is on; otherwise an <see cref="InvalidOperationException"/>
    /// saying that <paramref name="what"/> lacks metadata and <paramref name="fix"/>.
    /// </summary>
    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "Reached only while the switch above is on; a trimmed or AOT publish turns it off and the trimmer removes the call.")]
    [UnconditionalSuppressMessage("AOT", "IL3050", Justification = "Reached only while the switch above is on; a trimmed or AOT publish turns it off and the trimmer removes the call.")]
    internal static IJsonTypeInfoResolver ResolverOrThrow(string what, string fix) => IsEnabled
        ? CreateResolver()
        : throw new InvalidOperationException(
            what + ": reflection-based serialization is off in this trimmed or Native AOT application. " + fix);

    /// <summary>Web JSON options with <paramref name="resolver"/>, read strictly (no silent defaults for missing or null members).</summary>
    internal static JsonSerializerOptions StrictWeb(IJsonTypeInfoResolver resolver) => new(JsonSerializerDefaults.Web)
    {
        TypeInfoResolver = resolver,
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
    };
}

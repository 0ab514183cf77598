using System.Text.Json;
using System.Text.Json.Serialization;

namespace Eventfold;

/// <summary>
/// How events are written: System.Text.Json's web defaults. A context that reads with another naming policy
/// or with case-sensitive names would turn every stored field into a default value without an error.
/// </summary>
internal static class StoredJsonConvention
{
    private static readonly JsonSerializerOptions Written = new(JsonSerializerDefaults.Web);

    internal static void EnsureReadsStoredJson(JsonSerializerContext context)
    {
        var given = context.Options;
        var differences = new List<string>();
        if (!ReferenceEquals(given.PropertyNamingPolicy, Written.PropertyNamingPolicy))
        {
            differences.Add($"PropertyNamingPolicy is {Describe(given.PropertyNamingPolicy)}, events are written with {Describe(Written.PropertyNamingPolicy)}");
        }

        if (given.PropertyNameCaseInsensitive != Written.PropertyNameCaseInsensitive)
        {
            differences.Add($"PropertyNameCaseInsensitive is {given.PropertyNameCaseInsensitive}, events are read with {Written.PropertyNameCaseInsensitive}");
        }

        if (differences.Count > 0)
        {
            throw new ArgumentException(
                $"The JsonSerializerContext '{context.GetType().FullName}' would read stored events differently from how they are written: "
                + string.Join("; ", differences)
                + ". Declare it with [JsonSourceGenerationOptions(JsonSerializerDefaults.Web)].",
                nameof(context));
        }
    }

    private static string Describe(JsonNamingPolicy? policy) =>
        policy is null ? "none (C# names)"
        : ReferenceEquals(policy, JsonNamingPolicy.CamelCase) ? "camelCase"
        : policy.GetType().Name;
}

using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Eventfold;

/// <summary>Stands for the Eventfold section as a whole, so its keys are checked at start with <c>ValidateOnStart</c>.</summary>
internal sealed class EventfoldSection;

/// <summary>
/// Refuses, at start, a key of the Eventfold section that nothing reads: a misspelt top-level key, or a
/// projection, saga, replica or dispatcher section whose name was never added (a typo there would
/// otherwise leave the defaults in force without a word).
/// </summary>
internal sealed class EventfoldSectionValidator(IConfiguration section, string path, IEnumerable<ConfiguredName> added) : IValidateOptions<EventfoldSection>
{
    internal static readonly string[] Kinds = ["Projections", "Sagas", "Replicas", "Dispatchers"];

    private static readonly string[] TopLevel = ["Store", "Sqlite", "EventStoreDb", "InMemory", "RunStatePublishers", "StatePublishers", .. Kinds];

    private static readonly string[] SagaParts = ["Coordinator", "Runner"];

    public ValidateOptionsResult Validate(string? name, EventfoldSection options)
    {
        var failures = new List<string>();
        var names = added.ToLookup(n => n.Kind, n => n.Name, StringComparer.OrdinalIgnoreCase);
        foreach (var child in section.GetChildren())
        {
            if (!TopLevel.Contains(child.Key, StringComparer.OrdinalIgnoreCase))
            {
                failures.Add($"{Key(child.Key)} is not an Eventfold setting; the section knows {string.Join(", ", TopLevel)}.");
            }
        }

        foreach (string kind in Kinds)
        {
            var known = names[kind].ToArray();
            foreach (var child in section.GetSection(kind).GetChildren())
            {
                string key = ConfigurationPaths.Join(Key(kind), child.Key);
                if (!known.Contains(child.Key, StringComparer.OrdinalIgnoreCase))
                {
                    failures.Add($"{key} names no {kind[..^1].ToLowerInvariant()} added in code (added: {(known.Length == 0 ? "none" : string.Join(", ", known))}).");
                }
                else if (kind == "Sagas")
                {
                    failures.AddRange(child.GetChildren()
                        .Where(part => !SagaParts.Contains(part.Key, StringComparer.OrdinalIgnoreCase))
                        .Select(part => $"{ConfigurationPaths.Join(key, part.Key)} is not a saga setting; a saga's section holds Coordinator and Runner."));
                }
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private string Key(string key) => ConfigurationPaths.Join(path, key);
}

namespace Eventfold.EventStoreDb;

/// <summary>
/// No node could serve a call within the allowed attempts: the server is down, refuses, or the cluster
/// has no usable member. The message names every address tried and what happened there.
/// </summary>
public sealed class EventStoreDbUnavailableException(string operation, IReadOnlyList<string> attempts, Exception? inner = null)
    : Exception($"EventStoreDB could not {operation}: {attempts.Count} attempt(s) failed: {Summarize(attempts)}.", inner)
{
    /// <summary>One line per attempt: the address and what went wrong there.</summary>
    public IReadOnlyList<string> Attempts { get; } = attempts;

    // The same failure repeated over rounds is said once, with its count.
    private static string Summarize(IReadOnlyList<string> attempts) =>
        string.Join("; ", attempts.GroupBy(a => a, StringComparer.Ordinal).Select(g => g.Count() == 1 ? g.Key : $"{g.Key} ({g.Count()} times)"));
}

namespace Eventfold;

/// <summary>
/// Narrows a read of the global log to some events. Every non-null part must match: the event's name
/// is one of <see cref="EventNames"/>, and its stream starts with one of <see cref="StreamPrefixes"/>.
/// </summary>
public sealed record EventFilter
{
    public IReadOnlyList<string>? EventNames { get; init; }

    public IReadOnlyList<string>? StreamPrefixes { get; init; }

    public static EventFilter ForEventNames(params string[] names) => new() { EventNames = names };

    public static EventFilter ForStreamPrefixes(params string[] prefixes) => new() { StreamPrefixes = prefixes };

    public bool Matches(string stream, string eventName) =>
        (EventNames is null || EventNames.Contains(eventName, StringComparer.Ordinal)) &&
        (StreamPrefixes is null || StreamPrefixes.Any(p => stream.StartsWith(p, StringComparison.Ordinal)));
}

using System.Text.RegularExpressions;
using Eventfold.EventStoreDb.Protocol;
using FilterOptions = Eventfold.EventStoreDb.Protocol.Streams.ReadReq.Types.Options.Types.FilterOptions;

namespace Eventfold.EventStoreDb.Mapping;

/// <summary>
/// Server-side filters for reads of <c>$all</c>. The server takes one expression, on the event type or on
/// the stream name; an <see cref="EventFilter"/> naming both sends the event types (the narrower) and
/// leaves the stream prefixes to <see cref="EventFilter.Matches"/> on the client. Without a filter the
/// server is still asked to leave out system streams and the checkpoint, snapshot and parked streams, which
/// Eventfold never returns from <c>$all</c> (the client drops them too, whatever the filter).
/// </summary>
internal static class FilterMapping
{
    /// <summary>Matches stream names that start neither with '$' nor with a prefix of <see cref="InternalStreams"/>.</summary>
    public const string UserStreamsRegex = @"^(?!\$|eventfold\.checkpoint-|eventfold\.snapshot-|eventfold\.parked-|eventfold\.lease-).";

    /// <summary>A regex that matches nothing, for a filter with an empty list.</summary>
    public const string MatchNothingRegex = "(?!)";

    public static FilterOptions ToFilterOptions(EventFilter? filter, uint checkpointIntervalMultiplier)
    {
        var options = new FilterOptions
        {
            Count = new Empty(),
            CheckpointIntervalMultiplier = Math.Max(1u, checkpointIntervalMultiplier),
        };
        if (filter?.EventNames is { } names)
        {
            options.EventType = new FilterOptions.Types.Expression { Regex = ExactNames(names) };
        }
        else if (filter?.StreamPrefixes is { } prefixes)
        {
            options.StreamIdentifier = prefixes.Count == 0
                ? new FilterOptions.Types.Expression { Regex = MatchNothingRegex }
                : new FilterOptions.Types.Expression { Prefix = { prefixes } };
        }
        else
        {
            options.StreamIdentifier = new FilterOptions.Types.Expression { Regex = UserStreamsRegex };
        }

        return options;
    }

    /// <summary>An anchored regex for exactly these event names; a prefix filter would also match longer names.</summary>
    public static string ExactNames(IReadOnlyList<string> names) =>
        names.Count == 0 ? MatchNothingRegex : "^(?:" + string.Join('|', names.Select(Regex.Escape)) + ")$";

    /// <summary>Whether the server's filter already decides the whole <paramref name="filter"/>, so the client need not check again.</summary>
    public static bool IsExactOnServer(EventFilter? filter) => filter is null || filter.EventNames is null || filter.StreamPrefixes is null;
}

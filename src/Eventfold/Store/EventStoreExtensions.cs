namespace Eventfold;

/// <summary>The plain-object forms of <see cref="IEventStore"/> calls.</summary>
public static class EventStoreExtensions
{
    /// <summary>Appends plain events, each given a new id and no metadata.</summary>
    public static Task<AppendResult> AppendAsync(
        this IEventStore store, string stream, ExpectedVersion expected, IEnumerable<object> events, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(events);
        var data = events.Select(e => e as EventData ?? EventData.From(e)).ToArray();
        return store.AppendAsync(stream, expected, data, ct);
    }

    /// <summary>Reads a whole stream forwards.</summary>
    public static IAsyncEnumerable<RecordedEvent> ReadStreamAsync(this IEventStore store, string stream, CancellationToken ct) =>
        store.ReadStreamAsync(stream, StreamReadOptions.Forwards, ct);
}

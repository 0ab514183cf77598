namespace Eventfold;

/// <summary>
/// An append-only store of event streams with one global, ordered log. Implemented by
/// <see cref="InMemoryEventStore"/>, <c>SqliteEventStore</c> and <c>EventStoreDbEventStore</c>, which all
/// pass the same conformance suite. Every store also keeps checkpoints and snapshots beside its events,
/// so projections, sagas and snapshots work on any of them unchanged.
/// </summary>
public interface IEventStore : ICheckpointStore, ISnapshotStore, IAsyncDisposable
{
    /// <summary>
    /// The serializer the store writes and reads events with; aggregate snapshots take their JSON metadata from it
    /// too (so an application's context serves both). <see cref="EventSerializer.Default"/> unless the store says otherwise.
    /// </summary>
    EventSerializer Serializer => EventSerializer.Default;

    /// <summary>
    /// Appends <paramref name="events"/> atomically: all or none. Appending events whose ids the stream
    /// already holds, at the same place, succeeds and writes nothing (idempotent retries).
    /// </summary>
    /// <exception cref="WrongExpectedVersionException">The stream is not at <paramref name="expected"/>.</exception>
    /// <exception cref="InvalidStreamNameException">The stream name is not allowed.</exception>
    /// <exception cref="EventTooLargeException">An event is larger than the store allows.</exception>
    Task<AppendResult> AppendAsync(string stream, ExpectedVersion expected, IReadOnlyList<EventData> events, CancellationToken ct = default);

    /// <summary>Reads one stream; a stream that does not exist reads as empty.</summary>
    IAsyncEnumerable<RecordedEvent> ReadStreamAsync(string stream, StreamReadOptions options = default, CancellationToken ct = default);

    /// <summary>
    /// Reads the global log forwards from <paramref name="from"/> (inclusive) to its current end. Events of names
    /// this application never registered are passed over (counted); events are deserialized when first used.
    /// </summary>
    /// <exception cref="EventDeserializationException">
    /// Thrown, after every event before it, for a stored event that cannot be read; it names stream, version,
    /// event and global position. A subscription yields such an event as a <see cref="PoisonEvent"/> instead.
    /// </exception>
    IAsyncEnumerable<RecordedEvent> ReadAllAsync(GlobalPosition from, EventFilter? filter = null, CancellationToken ct = default);

    /// <summary>
    /// Reads the global log after <paramref name="after"/> (exclusive; null for the beginning), then follows new
    /// appends live until cancelled, with no gap and no duplicate. Yields each event as a <see cref="RecordedEvent"/>,
    /// an unreadable one as a <see cref="PoisonEvent"/> (the subscription goes on), a
    /// <see cref="SubscriptionCheckpoint"/> for positions scanned past without an event to yield, and
    /// <see cref="CaughtUp"/> once at the live end. Unregistered names are passed over, or yielded as
    /// <see cref="UnknownEvent"/> when <see cref="SubscriptionOptions.IncludeUnknownEvents"/> asks.
    /// </summary>
    /// <exception cref="ObjectDisposedException">The store was disposed while the subscription was live.</exception>
    IAsyncEnumerable<SubscriptionMessage> SubscribeToAllAsync(GlobalPosition? after, SubscriptionOptions? options = null, CancellationToken ct = default);

    /// <summary>
    /// Reads one stream after <paramref name="afterVersion"/> (exclusive; null for the beginning), then
    /// follows new appends to it live until cancelled.
    /// </summary>
    IAsyncEnumerable<RecordedEvent> SubscribeToStreamAsync(string stream, long? afterVersion, CancellationToken ct = default);

    /// <summary>The version of the stream's last event, or -1 when the stream does not exist.</summary>
    Task<long> GetStreamVersionAsync(string stream, CancellationToken ct = default);
}

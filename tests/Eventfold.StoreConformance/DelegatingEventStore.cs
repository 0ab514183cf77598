namespace Eventfold.StoreConformance;

/// <summary>Passes every call to an inner store; a test's wrapper overrides only the calls it watches or breaks.</summary>
public abstract class DelegatingEventStore(IEventStore inner) : IEventStore
{
    protected IEventStore Inner { get; } = inner;

    public EventSerializer Serializer => Inner.Serializer;

    public virtual Task<AppendResult> AppendAsync(string stream, ExpectedVersion expected, IReadOnlyList<EventData> events, CancellationToken ct = default) =>
        Inner.AppendAsync(stream, expected, events, ct);

    public virtual IAsyncEnumerable<RecordedEvent> ReadStreamAsync(string stream, StreamReadOptions options = default, CancellationToken ct = default) =>
        Inner.ReadStreamAsync(stream, options, ct);

    public virtual IAsyncEnumerable<RecordedEvent> ReadAllAsync(GlobalPosition from, EventFilter? filter = null, CancellationToken ct = default) =>
        Inner.ReadAllAsync(from, filter, ct);

    public virtual IAsyncEnumerable<SubscriptionMessage> SubscribeToAllAsync(GlobalPosition? after, SubscriptionOptions? options = null, CancellationToken ct = default) =>
        Inner.SubscribeToAllAsync(after, options, ct);

    public virtual IAsyncEnumerable<RecordedEvent> SubscribeToStreamAsync(string stream, long? afterVersion, CancellationToken ct = default) =>
        Inner.SubscribeToStreamAsync(stream, afterVersion, ct);

    public virtual Task<long> GetStreamVersionAsync(string stream, CancellationToken ct = default) => Inner.GetStreamVersionAsync(stream, ct);

    public virtual Task<GlobalPosition?> GetCheckpointAsync(string consumer, CancellationToken ct = default) => Inner.GetCheckpointAsync(consumer, ct);

    public virtual Task SetCheckpointAsync(string consumer, GlobalPosition position, CancellationToken ct = default) => Inner.SetCheckpointAsync(consumer, position, ct);

    public virtual Task DeleteCheckpointAsync(string consumer, CancellationToken ct = default) => Inner.DeleteCheckpointAsync(consumer, ct);

    public virtual Task<Snapshot?> GetSnapshotAsync(string stream, CancellationToken ct = default) => Inner.GetSnapshotAsync(stream, ct);

    public virtual Task SetSnapshotAsync(Snapshot snapshot, CancellationToken ct = default) => Inner.SetSnapshotAsync(snapshot, ct);

    public virtual Task DeleteSnapshotAsync(string stream, CancellationToken ct = default) => Inner.DeleteSnapshotAsync(stream, ct);

    public virtual ValueTask DisposeAsync() => Inner.DisposeAsync();
}

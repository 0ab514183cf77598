namespace Eventfold.Tests.Aggregates;

/// <summary>
/// Passes everything to an inner store, and lets a test decide what happens around each append: fail
/// after the inner store wrote (an ambiguous failure, like a timeout after the commit), or wait for a
/// signal before appending.
/// </summary>
internal sealed class FaultyStore(IEventStore inner) : IEventStore
{
    private readonly Lock _gate = new();
    private int _failuresAfterWrite;
    private int _appends;

    /// <summary>When set, each append waits for it before it reaches the inner store.</summary>
    public TaskCompletionSource? Hold { get; set; }

    /// <summary>Completes when an append is waiting at <see cref="Hold"/>.</summary>
    public TaskCompletionSource AppendHeld { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>When set, each append first yields its thread, so concurrent saves overlap in time.</summary>
    public bool YieldFirst { get; init; }

    /// <summary>Appends that reached this store, whatever their outcome.</summary>
    public int Appends => Volatile.Read(ref _appends);

    /// <summary>Makes the next <paramref name="count"/> appends write and then throw <see cref="TimeoutException"/>.</summary>
    public void FailAfterWrite(int count)
    {
        lock (_gate)
        {
            _failuresAfterWrite = count;
        }
    }

    public async Task<AppendResult> AppendAsync(string stream, ExpectedVersion expected, IReadOnlyList<EventData> events, CancellationToken ct = default)
    {
        Interlocked.Increment(ref _appends);
        if (YieldFirst)
        {
            await Task.Yield();
        }

        if (Hold is { } hold)
        {
            AppendHeld.TrySetResult();
            await hold.Task.ConfigureAwait(false);
        }

        var result = await inner.AppendAsync(stream, expected, events, ct).ConfigureAwait(false);
        if (TakeFailure())
        {
            throw new TimeoutException($"The append to '{stream}' was written, but its answer never came.");
        }

        return result;
    }

    private bool TakeFailure()
    {
        lock (_gate)
        {
            if (_failuresAfterWrite == 0)
            {
                return false;
            }

            _failuresAfterWrite--;
            return true;
        }
    }

    public IAsyncEnumerable<RecordedEvent> ReadStreamAsync(string stream, StreamReadOptions options = default, CancellationToken ct = default) =>
        inner.ReadStreamAsync(stream, options, ct);

    public IAsyncEnumerable<RecordedEvent> ReadAllAsync(GlobalPosition from, EventFilter? filter = null, CancellationToken ct = default) =>
        inner.ReadAllAsync(from, filter, ct);

    public IAsyncEnumerable<SubscriptionMessage> SubscribeToAllAsync(GlobalPosition? after, SubscriptionOptions? options = null, CancellationToken ct = default) =>
        inner.SubscribeToAllAsync(after, options, ct);

    public IAsyncEnumerable<RecordedEvent> SubscribeToStreamAsync(string stream, long? afterVersion, CancellationToken ct = default) =>
        inner.SubscribeToStreamAsync(stream, afterVersion, ct);

    public Task<long> GetStreamVersionAsync(string stream, CancellationToken ct = default) => inner.GetStreamVersionAsync(stream, ct);

    public Task<GlobalPosition?> GetCheckpointAsync(string consumer, CancellationToken ct = default) => inner.GetCheckpointAsync(consumer, ct);

    public Task SetCheckpointAsync(string consumer, GlobalPosition position, CancellationToken ct = default) => inner.SetCheckpointAsync(consumer, position, ct);

    public Task DeleteCheckpointAsync(string consumer, CancellationToken ct = default) => inner.DeleteCheckpointAsync(consumer, ct);

    public Task<Snapshot?> GetSnapshotAsync(string stream, CancellationToken ct = default) => inner.GetSnapshotAsync(stream, ct);

    public Task SetSnapshotAsync(Snapshot snapshot, CancellationToken ct = default) => inner.SetSnapshotAsync(snapshot, ct);

    public ValueTask DisposeAsync() => inner.DisposeAsync();
}

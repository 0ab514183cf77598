using System.Runtime.CompilerServices;

namespace Eventfold;

/// <summary>
/// Catch-up subscriptions built from a store's plain range reads, for stores without a server of their own
/// (in-memory, SQLite). Each pass notes the log's end, reads every event after the last position scanned up
/// to that end, then waits for an append signal (or a poll interval, for appends by other processes).
/// Positions commit in order, so every event up to the noted end is already there when the pass reads it:
/// no gap, no duplicate, and the scan position advances even when the filter matched nothing.
/// </summary>
public sealed class CatchUpSubscription
{
    private readonly ReadLogEnd _readEnd;
    private readonly ReadLogRange _readRange;
    private readonly EventSerializer _serializer;
    private readonly AppendSignal _signal;
    private readonly TimeSpan _pollInterval;
    private readonly CancellationToken _storeClosed;
    private readonly string _storeName;

    /// <summary>The position of the log's last event, or null when the log is empty.</summary>
    public delegate Task<GlobalPosition?> ReadLogEnd(CancellationToken ct);

    /// <summary>
    /// The events after <paramref name="after"/> (exclusive; null for the start) up to <paramref name="upTo"/>
    /// (inclusive) that pass <paramref name="filter"/>, in order: each a <see cref="RecordedEvent"/> still in
    /// stored form, or a <see cref="PoisonEvent"/> for a row that cannot even be made into one.
    /// </summary>
    public delegate IAsyncEnumerable<SubscriptionMessage> ReadLogRange(GlobalPosition? after, GlobalPosition upTo, EventFilter? filter, CancellationToken ct);

    /// <param name="storeName">The store, as error messages name it.</param>
    /// <param name="readEnd">Reads the position of the log's last event.</param>
    /// <param name="readRange">Reads a range of the log, filtered, in stored form.</param>
    /// <param name="serializer">Tells registered names from unknown ones, and reads events to find poison.</param>
    /// <param name="signal">Signalled by the store's own appends.</param>
    /// <param name="pollInterval">How often to look for appends by other processes; infinite for none.</param>
    /// <param name="storeClosed">Cancelled when the store is disposed: live subscriptions then end with <see cref="ObjectDisposedException"/>.</param>
    public CatchUpSubscription(
        string storeName, ReadLogEnd readEnd, ReadLogRange readRange, EventSerializer serializer, AppendSignal signal,
        TimeSpan pollInterval, CancellationToken storeClosed)
    {
        _storeName = storeName;
        _readEnd = readEnd;
        _readRange = readRange;
        _serializer = serializer;
        _signal = signal;
        _pollInterval = pollInterval;
        _storeClosed = storeClosed;
    }

    /// <summary>Follows the global log after <paramref name="after"/>, as <see cref="IEventStore.SubscribeToAllAsync"/> describes.</summary>
    public async IAsyncEnumerable<SubscriptionMessage> FollowAllAsync(
        GlobalPosition? after, SubscriptionOptions? options, [EnumeratorCancellation] CancellationToken ct)
    {
        options ??= SubscriptionOptions.Default;
        GlobalPosition? scanned = after;
        bool caughtUp = false;
        while (true)
        {
            ThrowIfStopped(ct);
            var appended = _signal.Next;
            var end = await _readEnd(ct).ConfigureAwait(false);
            if (end is { } upTo && (scanned is null || upTo > scanned))
            {
                GlobalPosition? lastYielded = null;
                await foreach (var stored in _readRange(scanned, upTo, options.Filter, ct).ConfigureAwait(false))
                {
                    ThrowIfStopped(ct);
                    if (StoredEvents.Classify(stored, _serializer, options.IncludeUnknownEvents) is { } message)
                    {
                        lastYielded = StoredEvents.PositionOf(stored);
                        yield return message;
                    }
                }

                scanned = upTo;
                if (lastYielded != upTo)
                {
                    yield return new SubscriptionCheckpoint(upTo);
                }
            }

            if (!caughtUp)
            {
                caughtUp = true;
                yield return new CaughtUp(scanned);
            }

            await WaitAsync(appended, ct).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Follows one stream after <paramref name="afterVersion"/>, reading it through
    /// <paramref name="readStreamFrom"/> (inclusive of the version it is given).
    /// </summary>
    public async IAsyncEnumerable<RecordedEvent> FollowStreamAsync(
        Func<long, CancellationToken, IAsyncEnumerable<RecordedEvent>> readStreamFrom,
        long? afterVersion,
        [EnumeratorCancellation] CancellationToken ct)
    {
        long next = (afterVersion ?? -1) + 1;
        while (true)
        {
            ThrowIfStopped(ct);
            var appended = _signal.Next;
            await foreach (var e in readStreamFrom(next, ct).ConfigureAwait(false))
            {
                ThrowIfStopped(ct);
                if (e.Version < next)
                {
                    continue;
                }

                next = e.Version + 1;
                yield return e;
            }

            await WaitAsync(appended, ct).ConfigureAwait(false);
        }
    }

    private void ThrowIfStopped(CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        if (_storeClosed.IsCancellationRequested)
        {
            throw StoreClosed();
        }
    }

    private ObjectDisposedException StoreClosed() =>
        new(_storeName, $"The {_storeName} was disposed, which ends its subscriptions.");

    private async Task WaitAsync(Task appended, CancellationToken ct)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, _storeClosed);
        try
        {
            if (_pollInterval == Timeout.InfiniteTimeSpan)
            {
                await appended.WaitAsync(linked.Token).ConfigureAwait(false);
            }
            else
            {
                await appended.WaitAsync(_pollInterval, linked.Token).ConfigureAwait(false);
            }
        }
        catch (TimeoutException)
        {
            // Nothing appended in this process; look again for appends by others.
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw StoreClosed();
        }
    }
}

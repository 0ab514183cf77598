using System.Runtime.CompilerServices;

namespace Eventfold;

/// <summary>
/// A store held in memory, for tests. It keeps events in their serialized form, so a test that passes
/// here has also round-tripped every event through JSON as the durable stores do.
/// </summary>
public sealed partial class InMemoryEventStore : IEventStore, ISequentialLog
{
    private readonly EventStoreOptions _options;
    private readonly Lock _gate = new();
    private readonly List<StoredRecord> _log = [];
    private readonly Dictionary<string, List<StoredRecord>> _streams = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Stream, Guid EventId), StoredRecord> _byEventId = [];
    private readonly AppendSignal _appended = new();
    private readonly Dictionary<string, GlobalPosition> _checkpoints = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Snapshot> _snapshots = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _closed = new();
    private readonly CatchUpSubscription _catchUp;
    private bool _disposed;

    public InMemoryEventStore(EventStoreOptions? options = null)
    {
        _options = options ?? new EventStoreOptions();
        _catchUp = new CatchUpSubscription(
            "in-memory event store", ReadLogEndAsync, ReadRangeAsync, _options.Serializer, _appended, Timeout.InfiniteTimeSpan, _closed.Token);
    }

    /// <inheritdoc/>
    public EventSerializer Serializer => _options.Serializer;

    public Task<AppendResult> AppendAsync(string stream, ExpectedVersion expected, IReadOnlyList<EventData> events, CancellationToken ct = default)
    {
        long started = System.Diagnostics.Stopwatch.GetTimestamp();
        var activity = EventStoreTelemetry.StartAppend(TelemetryName, stream, events?.Count ?? 0);
        try
        {
            var result = AppendCore(stream, expected, events!, ct);
            EventStoreTelemetry.AppendEnded(activity, TelemetryName, events!.Count, started);
            return result;
        }
        catch (Exception ex)
        {
            EventStoreTelemetry.AppendEnded(activity, TelemetryName, events?.Count ?? 0, started, ex);
            throw;
        }
    }

    /// <summary>The <c>store</c> tag of this store's telemetry.</summary>
    private const string TelemetryName = "memory";

    private Task<AppendResult> AppendCore(string stream, ExpectedVersion expected, IReadOnlyList<EventData> events, CancellationToken ct)
    {
        var serialized = AppendBatch.Prepare(stream, expected, events, _options.Serializer);
        ct.ThrowIfCancellationRequested();

        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var records = _streams.GetValueOrDefault(stream);
            long current = (records?.Count ?? 0) - 1;
            for (int i = 0; i < serialized.Length; i++)
            {
                serialized[i].EnsureWithinLimit(stream, current + 1 + i, _options.MaxEventSizeBytes);
            }

            if (events.Count > 0 && records is not null && _byEventId.TryGetValue((stream, events[0].EventId), out var first)
                && IdempotentAppend.IsRetry(events, first.Version, v => v < records.Count ? records[(int)v].EventId : null, expected))
            {
                var lastOfRetry = records[(int)(first.Version + events.Count - 1)];
                return Task.FromResult(new AppendResult(lastOfRetry.Version, lastOfRetry.Position));
            }

            if (!expected.IsSatisfiedBy(current))
            {
                throw new WrongExpectedVersionException(stream, expected, current);
            }

            for (int i = 0; i < serialized.Length; i++)
            {
                if (_byEventId.TryGetValue((stream, serialized[i].EventId), out var clash))
                {
                    throw new DuplicateEventIdException(stream, clash.EventId, clash.Stream, clash.Version);
                }
            }

            if (serialized.Length == 0)
            {
                return Task.FromResult(new AppendResult(current, records?.Count > 0 ? records[^1].Position : GlobalPosition.Start));
            }

            // Stamped inside the lock, so timestamps never run backwards along the log.
            var now = _options.TimeProvider.GetUtcNow();
            records ??= _streams[stream] = [];
            foreach (var e in serialized)
            {
                var record = new StoredRecord(stream, records.Count, GlobalPosition.FromSequence(_log.Count + 1), e.EventId, e, now);
                records.Add(record);
                _log.Add(record);
                _byEventId[(stream, e.EventId)] = record;
            }

            Trim(stream);

            _appended.Notify();
            return Task.FromResult(new AppendResult(records.Count - 1, records[^1].Position));
        }
    }

    public async IAsyncEnumerable<RecordedEvent> ReadStreamAsync(string stream, StreamReadOptions options = default, [EnumeratorCancellation] CancellationToken ct = default)
    {
        StreamName.Validate(stream);
        options.Validate(stream);
        StoredRecord[] snapshot;
        lock (_gate)
        {
            // Only the part the read can reach (a record's version is its index), so reading the tail of a
            // long stream after a snapshot copies the tail, not the stream.
            snapshot = _streams.TryGetValue(stream, out var records) ? Reachable(records, FirstKept(stream), options) : [];
        }

        IEnumerable<StoredRecord> ordered = options.Direction == ReadDirection.Forwards ? snapshot : snapshot.Reverse();
        int count = (int)Math.Min(options.MaxCount ?? int.MaxValue, int.MaxValue);
        EventStoreTelemetry.Read(TelemetryName, globalLog: false, Math.Min(count, snapshot.Length));
        foreach (var record in ordered.Take(count))
        {
            ct.ThrowIfCancellationRequested();
            yield return StoredEvents.ForStreamRead(ToRecordedEvent(record));
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }

    private static StoredRecord[] Reachable(List<StoredRecord> records, long firstKept, StreamReadOptions options)
    {
        if (options.Direction == ReadDirection.Forwards)
        {
            int from = (int)Math.Min(Math.Max(options.FromVersion ?? 0, firstKept), records.Count);
            return records.GetRange(from, records.Count - from).ToArray();
        }

        int through = (int)Math.Min(options.FromVersion ?? long.MaxValue, records.Count - 1L);
        return through < firstKept ? [] : records.GetRange((int)firstKept, through + 1 - (int)firstKept).ToArray();
    }

    public IAsyncEnumerable<RecordedEvent> ReadAllAsync(GlobalPosition from, EventFilter? filter = null, CancellationToken ct = default)
    {
        ThrowIfDisposed();
        GlobalPosition? after = from.Commit == 0 ? null : GlobalPosition.FromSequence((long)from.Commit - 1);
        return StoredEvents.ForGlobalRead(ReadRangeAsync(after, GlobalPosition.FromSequence(long.MaxValue), filter, ct), _options.Serializer, ct);
    }

    public IAsyncEnumerable<SubscriptionMessage> SubscribeToAllAsync(GlobalPosition? after, SubscriptionOptions? options = null, CancellationToken ct = default)
    {
        ThrowIfDisposed();
        return _catchUp.FollowAllAsync(after, options, ct);
    }

    public IAsyncEnumerable<RecordedEvent> SubscribeToStreamAsync(string stream, long? afterVersion, CancellationToken ct = default)
    {
        StreamName.Validate(stream);
        ThrowIfDisposed();
        return _catchUp.FollowStreamAsync(
            (from, token) => ReadStreamAsync(stream, new StreamReadOptions(ReadDirection.Forwards, from), token), afterVersion, ct);
    }

    public Task<long> GetStreamVersionAsync(string stream, CancellationToken ct = default)
    {
        StreamName.Validate(stream);
        lock (_gate)
        {
            return Task.FromResult((long)(_streams.TryGetValue(stream, out var records) ? records.Count - 1 : -1));
        }
    }

    public Task<GlobalPosition?> GetCheckpointAsync(string consumer, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(consumer);
        lock (_gate)
        {
            return Task.FromResult(_checkpoints.TryGetValue(consumer, out var position) ? position : (GlobalPosition?)null);
        }
    }

    public Task SetCheckpointAsync(string consumer, GlobalPosition position, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(consumer);
        lock (_gate)
        {
            // Never backwards: a slow writer of an older position does not undo a newer one.
            if (!_checkpoints.TryGetValue(consumer, out var kept) || kept < position)
            {
                _checkpoints[consumer] = position;
            }
        }

        return Task.CompletedTask;
    }

    public Task DeleteCheckpointAsync(string consumer, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(consumer);
        lock (_gate)
        {
            _checkpoints.Remove(consumer);
        }

        return Task.CompletedTask;
    }

    public Task<Snapshot?> GetSnapshotAsync(string stream, CancellationToken ct = default)
    {
        StreamName.Validate(stream);
        lock (_gate)
        {
            return Task.FromResult(_snapshots.GetValueOrDefault(stream));
        }
    }

    public Task SetSnapshotAsync(Snapshot snapshot, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        StreamName.Validate(snapshot.Stream);
        lock (_gate)
        {
            if (!_snapshots.TryGetValue(snapshot.Stream, out var kept) || kept.Version <= snapshot.Version)
            {
                // A copy, so a caller that reuses its buffer cannot change what is kept.
                _snapshots[snapshot.Stream] = snapshot with { Data = [.. snapshot.Data] };
            }
        }

        return Task.CompletedTask;
    }

    public Task DeleteSnapshotAsync(string stream, CancellationToken ct = default)
    {
        StreamName.Validate(stream);
        lock (_gate)
        {
            _snapshots.Remove(stream);
        }

        return Task.CompletedTask;
    }

    /// <summary>Ends live subscriptions (with <see cref="ObjectDisposedException"/>) and refuses later calls.</summary>
    public ValueTask DisposeAsync()
    {
        lock (_gate)
        {
            _disposed = true;
        }

        _closed.Cancel();
        return ValueTask.CompletedTask;
    }

    private void ThrowIfDisposed()
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
        }
    }

    public Task<GlobalPosition?> GetLastPositionAsync(CancellationToken ct = default) => ReadLogEndAsync(ct);

    private Task<GlobalPosition?> ReadLogEndAsync(CancellationToken ct)
    {
        lock (_gate)
        {
            return Task.FromResult(_log.Count == 0 ? (GlobalPosition?)null : _log[^1].Position);
        }
    }

    // Positions are 1-based sequence numbers, so the event at position p is _log[p - 1].
    private async IAsyncEnumerable<SubscriptionMessage> ReadRangeAsync(
        GlobalPosition? after, GlobalPosition upTo, EventFilter? filter, [EnumeratorCancellation] CancellationToken ct)
    {
        StoredRecord[] range;
        lock (_gate)
        {
            int first = (int)Math.Min((ulong)_log.Count, after?.Commit ?? 0);
            int last = (int)Math.Min((ulong)_log.Count, upTo.Commit);
            range = last > first ? _log.GetRange(first, last - first).ToArray() : [];
        }

        foreach (var record in range)
        {
            ct.ThrowIfCancellationRequested();
            if (!record.Dropped && (filter is null || filter.Matches(record.Stream, record.Event.EventName)))
            {
                EventStoreTelemetry.Read(TelemetryName, globalLog: true, 1);
                yield return ToRecordedEvent(record);
            }
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }

    private RecordedEvent ToRecordedEvent(StoredRecord r) =>
        new(r.Stream, r.Version, r.Position, r.EventId, r.Event.EventName, r.Event.SchemaVersion, r.Timestamp, r.Event.Data, r.Event.Metadata, _options.Serializer);

    // Dropped: by the stream's max count (SetStreamMaxCountAsync); no longer read.
    private sealed record StoredRecord(string Stream, long Version, GlobalPosition Position, Guid EventId, SerializedEvent Event, DateTimeOffset Timestamp, bool Dropped = false);
}

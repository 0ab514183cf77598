using System.Runtime.CompilerServices;

namespace Eventfold;

/// <summary>
/// A store held in memory, for tests. It keeps events in their serialized form, so a test that passes
/// here has also round-tripped every event through JSON as the durable stores do.
/// </summary>
public sealed class InMemoryEventStore(EventStoreOptions? options = null) : IEventStore
{
    private readonly EventStoreOptions _options = options ?? new EventStoreOptions();
    private readonly Lock _gate = new();
    private readonly List<StoredRecord> _log = [];
    private readonly Dictionary<string, List<StoredRecord>> _streams = new(StringComparer.Ordinal);
    private readonly Dictionary<Guid, StoredRecord> _byEventId = [];
    private readonly AppendSignal _appended = new();
    private readonly Dictionary<string, GlobalPosition> _checkpoints = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Snapshot> _snapshots = new(StringComparer.Ordinal);

    public Task<AppendResult> AppendAsync(string stream, ExpectedVersion expected, IReadOnlyList<EventData> events, CancellationToken ct = default)
    {
        StreamName.Validate(stream);
        ArgumentNullException.ThrowIfNull(events);
        ct.ThrowIfCancellationRequested();
        AppendBatch.EnsureDistinctIds(stream, events);
        var serialized = events.Select(_options.Serializer.Serialize).ToArray();
        var now = _options.TimeProvider.GetUtcNow();

        lock (_gate)
        {
            var records = _streams.GetValueOrDefault(stream);
            long current = (records?.Count ?? 0) - 1;

            if (events.Count > 0 && records is not null && _byEventId.TryGetValue(events[0].EventId, out var first) && first.Stream == stream
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
                serialized[i].EnsureWithinLimit(stream, current + 1 + i, _options.MaxEventSizeBytes);
                if (_byEventId.TryGetValue(serialized[i].EventId, out var clash))
                {
                    throw new DuplicateEventIdException(stream, clash.EventId, clash.Stream, clash.Version);
                }
            }

            if (serialized.Length == 0)
            {
                return Task.FromResult(new AppendResult(current, records?.Count > 0 ? records[^1].Position : GlobalPosition.Start));
            }

            records ??= _streams[stream] = [];
            foreach (var e in serialized)
            {
                var record = new StoredRecord(stream, records.Count, GlobalPosition.FromSequence(_log.Count + 1), e.EventId, e, now);
                records.Add(record);
                _log.Add(record);
                _byEventId[e.EventId] = record;
            }

            _appended.Notify();
            return Task.FromResult(new AppendResult(records.Count - 1, records[^1].Position));
        }
    }

    public async IAsyncEnumerable<RecordedEvent> ReadStreamAsync(string stream, StreamReadOptions options = default, [EnumeratorCancellation] CancellationToken ct = default)
    {
        StreamName.Validate(stream);
        StoredRecord[] snapshot;
        lock (_gate)
        {
            snapshot = _streams.TryGetValue(stream, out var records) ? [.. records] : [];
        }

        IEnumerable<StoredRecord> ordered = options.Direction == ReadDirection.Forwards
            ? snapshot.Where(r => r.Version >= (options.FromVersion ?? 0))
            : snapshot.Reverse().Where(r => r.Version <= (options.FromVersion ?? long.MaxValue));
        foreach (var record in ordered.Take((int)Math.Min(options.MaxCount ?? int.MaxValue, int.MaxValue)))
        {
            ct.ThrowIfCancellationRequested();
            yield return ToRecordedEvent(record);
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }

    public async IAsyncEnumerable<RecordedEvent> ReadAllAsync(GlobalPosition from, EventFilter? filter = null, [EnumeratorCancellation] CancellationToken ct = default)
    {
        StoredRecord[] snapshot;
        lock (_gate)
        {
            snapshot = [.. _log];
        }

        foreach (var record in snapshot)
        {
            ct.ThrowIfCancellationRequested();
            if (record.Position >= from && (filter is null || filter.Matches(record.Stream, record.Event.EventName)))
            {
                yield return ToRecordedEvent(record);
            }
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }

    public IAsyncEnumerable<RecordedEvent> SubscribeToAllAsync(GlobalPosition? after, EventFilter? filter = null, CancellationToken ct = default) =>
        CatchUpSubscription.FollowAllAsync((from, token) => ReadAllAsync(from, filter, token), _appended, after, Timeout.InfiniteTimeSpan, ct);

    public IAsyncEnumerable<RecordedEvent> SubscribeToStreamAsync(string stream, long? afterVersion, CancellationToken ct = default)
    {
        StreamName.Validate(stream);
        return CatchUpSubscription.FollowStreamAsync(
            (from, token) => ReadStreamAsync(stream, new StreamReadOptions(ReadDirection.Forwards, from), token), _appended, afterVersion, Timeout.InfiniteTimeSpan, ct);
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
            _checkpoints[consumer] = position;
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

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private RecordedEvent ToRecordedEvent(StoredRecord r)
    {
        var serializer = _options.Serializer;
        object value = serializer.Deserialize(r.Stream, r.Version, r.Event.EventName, r.Event.SchemaVersion, r.Event.Data);
        return new RecordedEvent(r.Stream, r.Version, r.Position, r.EventId, r.Event.EventName, r.Event.SchemaVersion, value, r.Timestamp, serializer.DeserializeMetadata(r.Stream, r.Version, r.Event.EventName, r.Event.SchemaVersion, r.Event.Metadata));
    }

    private sealed record StoredRecord(string Stream, long Version, GlobalPosition Position, Guid EventId, SerializedEvent Event, DateTimeOffset Timestamp);
}

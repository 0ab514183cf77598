using System.Runtime.CompilerServices;

namespace Eventfold.Sqlite;

/// <summary>
/// The embedded event store: every stream and the global log in one SQLite file (WAL mode), created
/// with its schema on first use. Appends go through one write connection, one at a time in this
/// process and ordered by SQLite's write lock across processes; reads use pooled connections and
/// stream the file in pages. Subscriptions wake on this instance's appends at once and poll for
/// appends made by other processes.
/// </summary>
public sealed class SqliteEventStore : IEventStore
{
    private readonly SqliteEventStoreOptions _options;
    private readonly SqliteAppender _appender;
    private readonly SqliteStateWriter _state;
    private readonly SqliteReadPool _reads;
    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private readonly AppendSignal _appended = new();
    private int _disposed;

    /// <summary>Opens the store in the SQLite file at <paramref name="path"/>, creating the file and its tables if needed.</summary>
    public SqliteEventStore(string path, SqliteEventStoreOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (path.Trim() == ":memory:" || path.StartsWith("file:", StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException($"'{path}' is not a file path; the SQLite store needs a file (use InMemoryEventStore for a store in memory).", nameof(path));
        }

        _options = options ?? new SqliteEventStoreOptions();
        _options.Validate();
        Path = System.IO.Path.GetFullPath(path);
        if (System.IO.Path.GetDirectoryName(Path) is { Length: > 0 } directory)
        {
            Directory.CreateDirectory(directory);
        }

        var connections = new SqliteConnectionFactory(Path, _options);
        _appender = new SqliteAppender(connections);
        _state = new SqliteStateWriter(_appender.Connection, connections.CommandTimeoutSeconds);
        _reads = new SqliteReadPool(connections, _options.MaxIdleReadConnections);
    }

    /// <summary>The full path of the store's file.</summary>
    public string Path { get; }

    public async Task<AppendResult> AppendAsync(string stream, ExpectedVersion expected, IReadOnlyList<EventData> events, CancellationToken ct = default)
    {
        StreamName.Validate(stream);
        ArgumentNullException.ThrowIfNull(events);
        ThrowIfDisposed();
        ct.ThrowIfCancellationRequested();

        // Serialized before the write lock is taken, so writers serialize in parallel.
        var serialized = new SerializedEvent[events.Count];
        for (int i = 0; i < serialized.Length; i++)
        {
            serialized[i] = _options.Serializer.Serialize(events[i] ?? throw new ArgumentException($"Event {i} of the append to stream '{stream}' is null.", nameof(events)));
        }

        await _writeGate.WaitAsync(ct).ConfigureAwait(false);
        (AppendResult Result, bool Written) outcome;
        try
        {
            ThrowIfDisposed();
            long now = _options.TimeProvider.GetUtcNow().UtcTicks;
            outcome = _appender.Append(stream, expected, events, serialized, now, _options.MaxEventSizeBytes);
        }
        finally
        {
            _writeGate.Release();
        }

        if (outcome.Written)
        {
            _appended.Notify();
        }

        return outcome.Result;
    }

    public async IAsyncEnumerable<RecordedEvent> ReadStreamAsync(string stream, StreamReadOptions options = default, [EnumeratorCancellation] CancellationToken ct = default)
    {
        StreamName.Validate(stream);
        long remaining = options.MaxCount ?? long.MaxValue;
        bool forwards = options.Direction == ReadDirection.Forwards;
        long next = options.FromVersion ?? (forwards ? 0 : long.MaxValue);
        while (remaining > 0 && next >= 0)
        {
            ct.ThrowIfCancellationRequested();
            int limit = (int)Math.Min(remaining, _options.ReadPageSize);
            long from = next;
            var page = await _reads.UseAsync(c => c.ReadStreamPageAsync(stream, forwards, from, limit, ct)).ConfigureAwait(false);
            foreach (var row in page)
            {
                yield return ToRecordedEvent(row);
            }

            if (page.Count < limit)
            {
                yield break;
            }

            remaining -= page.Count;
            next = forwards ? page[^1].Version + 1 : page[^1].Version - 1;
        }
    }

    public IAsyncEnumerable<RecordedEvent> ReadAllAsync(GlobalPosition from, EventFilter? filter = null, CancellationToken ct = default) =>
        ReadLogAsync((long)Math.Min(from.Commit, long.MaxValue), long.MaxValue, EventFilterSql.From(filter), ct);

    public IAsyncEnumerable<RecordedEvent> SubscribeToAllAsync(GlobalPosition? after, EventFilter? filter = null, CancellationToken ct = default)
    {
        if (filter is null)
        {
            return CatchUpSubscription.FollowAllAsync((from, token) => ReadAllAsync(from, null, token), _appended, after, _options.PollInterval, ct);
        }

        return FollowFilteredAsync(after, EventFilterSql.From(filter), ct);
    }

    public IAsyncEnumerable<RecordedEvent> SubscribeToStreamAsync(string stream, long? afterVersion, CancellationToken ct = default)
    {
        StreamName.Validate(stream);
        return CatchUpSubscription.FollowStreamAsync(
            (from, token) => ReadStreamAsync(stream, new StreamReadOptions(ReadDirection.Forwards, from), token),
            _appended, afterVersion, _options.PollInterval, ct);
    }

    public Task<long> GetStreamVersionAsync(string stream, CancellationToken ct = default)
    {
        StreamName.Validate(stream);
        return _reads.UseAsync(c => c.GetStreamVersionAsync(stream, ct));
    }

    public Task<GlobalPosition?> GetCheckpointAsync(string consumer, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(consumer);
        return _reads.UseAsync(c => c.GetCheckpointAsync(consumer, ct));
    }

    public Task SetCheckpointAsync(string consumer, GlobalPosition position, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(consumer);
        return WriteStateAsync(w => w.SetCheckpoint(consumer, position, _options.TimeProvider.GetUtcNow().UtcTicks), ct);
    }

    public Task DeleteCheckpointAsync(string consumer, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(consumer);
        return WriteStateAsync(w => w.DeleteCheckpoint(consumer), ct);
    }

    public Task<Snapshot?> GetSnapshotAsync(string stream, CancellationToken ct = default)
    {
        StreamName.Validate(stream);
        return _reads.UseAsync(c => c.GetSnapshotAsync(stream, ct));
    }

    public Task SetSnapshotAsync(Snapshot snapshot, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        StreamName.Validate(snapshot.Stream);
        return WriteStateAsync(w => w.SetSnapshot(snapshot, _options.TimeProvider.GetUtcNow().UtcTicks), ct);
    }

    /// <summary>Runs a checkpoint or snapshot write on the write connection, between appends.</summary>
    private async Task WriteStateAsync(Action<SqliteStateWriter> write, CancellationToken ct)
    {
        ThrowIfDisposed();
        await _writeGate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            ThrowIfDisposed();
            write(_state);
        }
        finally
        {
            _writeGate.Release();
        }
    }

    private async IAsyncEnumerable<RecordedEvent> FollowFilteredAsync(GlobalPosition? after, EventFilterSql condition, [EnumeratorCancellation] CancellationToken ct)
    {
        var scanned = new ScanMark();
        var events = CatchUpSubscription.FollowAllAsync(
            (from, token) => ReadFilteredSinceScanAsync(from, condition, scanned, token), _appended, after, _options.PollInterval, ct);
        await foreach (var e in events.ConfigureAwait(false))
        {
            yield return e;
        }
    }

    /// <summary>
    /// One pass of a filtered subscription. It reads up to the log's end as it was when the pass began
    /// and remembers that end, so the next pass starts there even when nothing matched: a rare event
    /// does not make every poll re-read the log since the last match. Positions commit in order, so
    /// every event up to that end was already committed when the pass read it.
    /// </summary>
    private async IAsyncEnumerable<RecordedEvent> ReadFilteredSinceScanAsync(
        GlobalPosition from, EventFilterSql condition, ScanMark scanned, [EnumeratorCancellation] CancellationToken ct)
    {
        long end = await _reads.UseAsync(c => c.GetLastPositionAsync(ct)).ConfigureAwait(false);
        long start = Math.Max((long)Math.Min(from.Commit, long.MaxValue), scanned.Position + 1);
        await foreach (var e in ReadLogAsync(start, end, condition, ct).ConfigureAwait(false))
        {
            yield return e;
        }

        scanned.Position = Math.Max(scanned.Position, end);
    }

    private async IAsyncEnumerable<RecordedEvent> ReadLogAsync(long from, long to, EventFilterSql condition, [EnumeratorCancellation] CancellationToken ct)
    {
        if (condition.MatchesNothing)
        {
            yield break;
        }

        long next = from;
        int limit = _options.ReadPageSize;
        while (next <= to)
        {
            ct.ThrowIfCancellationRequested();
            long start = next;
            var page = await _reads.UseAsync(c => c.ReadAllPageAsync(start, to, condition, limit, ct)).ConfigureAwait(false);
            foreach (var row in page)
            {
                yield return ToRecordedEvent(row);
            }

            if (page.Count < limit)
            {
                yield break;
            }

            next = page[^1].Position + 1;
        }
    }

    /// <summary>Waits for an append in progress, then closes every connection (the WAL is checkpointed into the file).</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _writeGate.WaitAsync().ConfigureAwait(false);
        try
        {
            _reads.Dispose();
            try
            {
                _appender.Optimize();
            }
            finally
            {
                _state.Dispose();
                _appender.Dispose();
            }
        }
        finally
        {
            _writeGate.Release();
        }
    }

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) == 1, this);

    private RecordedEvent ToRecordedEvent(StoredEvent row)
    {
        var serializer = _options.Serializer;
        object value = serializer.Deserialize(row.Stream, row.Version, row.EventName, row.SchemaVersion, row.Data);
        return new RecordedEvent(
            row.Stream, row.Version, GlobalPosition.FromSequence(row.Position), row.EventId, row.EventName, row.SchemaVersion, value,
            new DateTimeOffset(row.TimestampTicks, TimeSpan.Zero), serializer.DeserializeMetadata(row.Stream, row.Version, row.EventName, row.SchemaVersion, row.Metadata));
    }

    /// <summary>How far one filtered subscription has read the log, matching or not.</summary>
    private sealed class ScanMark
    {
        public long Position { get; set; }
    }
}

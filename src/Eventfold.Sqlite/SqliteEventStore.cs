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
    private readonly CancellationTokenSource _closed = new();
    private readonly CatchUpSubscription _catchUp;
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
        _catchUp = new CatchUpSubscription(
            $"SQLite event store '{Path}'", ReadLogEndAsync, ReadRangeAsync, _options.Serializer, _appended, _options.PollInterval, _closed.Token);
    }

    /// <summary>The full path of the store's file.</summary>
    public string Path { get; }

    public async Task<AppendResult> AppendAsync(string stream, ExpectedVersion expected, IReadOnlyList<EventData> events, CancellationToken ct = default)
    {
        // Checked and serialized before the write lock is taken, so writers serialize in parallel.
        var serialized = AppendBatch.Prepare(stream, expected, events, _options.Serializer);
        ThrowIfDisposed();
        ct.ThrowIfCancellationRequested();

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
        options.Validate(stream);
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
                ct.ThrowIfCancellationRequested();
                yield return StoredEvents.ForStreamRead(ToMessage(row));
            }

            if (page.Count < limit)
            {
                yield break;
            }

            remaining -= page.Count;
            next = forwards ? page[^1].Version + 1 : page[^1].Version - 1;
        }
    }

    public IAsyncEnumerable<RecordedEvent> ReadAllAsync(GlobalPosition from, EventFilter? filter = null, CancellationToken ct = default)
    {
        ThrowIfDisposed();
        GlobalPosition? after = from.Commit == 0 ? null : GlobalPosition.FromSequence((long)Math.Min(from.Commit - 1, long.MaxValue));
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

    private async Task<GlobalPosition?> ReadLogEndAsync(CancellationToken ct)
    {
        long last = await _reads.UseAsync(c => c.GetLastPositionAsync(ct)).ConfigureAwait(false);
        return last == 0 ? null : GlobalPosition.FromSequence(last);
    }

    /// <summary>The rows after <paramref name="after"/> up to <paramref name="upTo"/> that pass the filter, a page at a time.</summary>
    private async IAsyncEnumerable<SubscriptionMessage> ReadRangeAsync(
        GlobalPosition? after, GlobalPosition upTo, EventFilter? filter, [EnumeratorCancellation] CancellationToken ct)
    {
        var condition = EventFilterSql.From(filter);
        if (condition.MatchesNothing)
        {
            yield break;
        }

        long next = (long)Math.Min(after?.Commit ?? 0, long.MaxValue - 1) + 1;
        long to = (long)Math.Min(upTo.Commit, long.MaxValue);
        int limit = _options.ReadPageSize;
        while (next <= to)
        {
            ct.ThrowIfCancellationRequested();
            long start = next;
            var page = await _reads.UseAsync(c => c.ReadAllPageAsync(start, to, condition, limit, ct)).ConfigureAwait(false);
            foreach (var row in page)
            {
                ct.ThrowIfCancellationRequested();
                yield return ToMessage(row);
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

        _closed.Cancel();

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

    /// <summary>A row as an event still in stored form, or as poison when the row itself cannot be read.</summary>
    private SubscriptionMessage ToMessage(StoredEvent row)
    {
        var position = GlobalPosition.FromSequence(row.Position);
        if (row.RowError is { } error)
        {
            var exception = new EventDeserializationException(row.Stream, row.Version, row.EventName, row.SchemaVersion, error, position: position);
            return new PoisonEvent(row.Stream, row.Version, position, row.EventId, row.EventName, row.SchemaVersion, exception);
        }

        return new RecordedEvent(
            row.Stream, row.Version, position, row.EventId, row.EventName, row.SchemaVersion,
            new DateTimeOffset(row.TimestampTicks, TimeSpan.Zero), row.Data, row.Metadata, _options.Serializer);
    }
}

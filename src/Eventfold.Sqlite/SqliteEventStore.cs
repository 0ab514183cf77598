using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;

namespace Eventfold.Sqlite;

/// <summary>
/// The embedded event store: every stream and the global log in one SQLite file (WAL mode), created
/// with its schema on first use. Appends go through one write connection, one at a time in this
/// process and ordered by SQLite's write lock across processes (waited for asynchronously); reads use
/// a bounded pool of connections and stream the file in pages. Subscriptions wake on this instance's
/// appends at once and poll for appends made by other processes. Errors of the file itself are
/// <see cref="IOException"/>s naming the file.
/// </summary>
public sealed class SqliteEventStore : IEventStore
{
    private readonly SqliteEventStoreOptions _options;
    private readonly SqliteConnectionFactory _connections;
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
        if (Directory.Exists(Path))
        {
            throw new IOException($"Opening the event store failed on '{Path}': it is a directory, not a SQLite file.");
        }

        if (System.IO.Path.GetDirectoryName(Path) is { Length: > 0 } directory)
        {
            Directory.CreateDirectory(directory);
        }

        _connections = new SqliteConnectionFactory(Path, _options);
        try
        {
            _appender = new SqliteAppender(_connections);
        }
        catch (SqliteException ex) when (SqliteFileErrors.IsFileError(ex))
        {
            throw SqliteFileErrors.Wrap(ex, Path, "Opening the event store");
        }

        _state = new SqliteStateWriter(_appender.Connection, _connections.CommandTimeoutSeconds);
        _reads = new SqliteReadPool(_connections, _options.MaxReadConnections, _options.MaxIdleReadConnections);
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

        var outcome = await WriteAsync(
            $"The append to stream '{stream}'",
            () => _appender.Append(stream, expected, events, serialized, _options.TimeProvider.GetUtcNow().UtcTicks, _options.MaxEventSizeBytes),
            ct).ConfigureAwait(false);

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
            var page = await _reads.UseAsync(c => c.ReadStreamPageAsync(stream, forwards, from, limit, ct), ct).ConfigureAwait(false);
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
        return _reads.UseAsync(c => c.GetStreamVersionAsync(stream, ct), ct);
    }

    public Task<GlobalPosition?> GetCheckpointAsync(string consumer, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(consumer);
        return _reads.UseAsync(c => c.GetCheckpointAsync(consumer, ct), ct);
    }

    public Task SetCheckpointAsync(string consumer, GlobalPosition position, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(consumer);
        return WriteStateAsync($"The checkpoint write of consumer '{consumer}'", w => w.SetCheckpoint(consumer, position, _options.TimeProvider.GetUtcNow().UtcTicks), ct);
    }

    public Task DeleteCheckpointAsync(string consumer, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(consumer);
        return WriteStateAsync($"The checkpoint deletion of consumer '{consumer}'", w => w.DeleteCheckpoint(consumer), ct);
    }

    public Task<Snapshot?> GetSnapshotAsync(string stream, CancellationToken ct = default)
    {
        StreamName.Validate(stream);
        return _reads.UseAsync(c => c.GetSnapshotAsync(stream, ct), ct);
    }

    public Task SetSnapshotAsync(Snapshot snapshot, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        StreamName.Validate(snapshot.Stream);
        return WriteStateAsync(
            $"The snapshot write of stream '{snapshot.Stream}'", w => w.SetSnapshot(snapshot, _options.TimeProvider.GetUtcNow().UtcTicks), ct);
    }

    /// <summary>
    /// Copies the store into a new SQLite file at <paramref name="destinationPath"/> with SQLite's online
    /// backup, safely while this store and others on the file go on appending: the copy holds the log as
    /// it was at one moment (whole appends, positions with no gap), with checkpoints and snapshots, and
    /// opens as a store of its own. The copy is written beside the destination and then moved over it,
    /// so an older backup there is replaced only by a complete one. Cancellation is honoured until the
    /// copy starts; the copy itself, one step, runs to its end.
    /// </summary>
    /// <exception cref="ArgumentException">The destination is the store's own file.</exception>
    /// <exception cref="IOException">The destination cannot be written; the message names it.</exception>
    public async Task BackupAsync(string destinationPath, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(destinationPath);
        ThrowIfDisposed();
        string destination = System.IO.Path.GetFullPath(destinationPath);
        if (string.Equals(destination, Path, OperatingSystem.IsLinux() ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException($"'{destinationPath}' is the store's own file; back up to another path.", nameof(destinationPath));
        }

        ct.ThrowIfCancellationRequested();
        if (System.IO.Path.GetDirectoryName(destination) is { Length: > 0 } directory)
        {
            Directory.CreateDirectory(directory);
        }

        string partial = $"{destination}.{Guid.NewGuid():N}.partial";
        try
        {
            // On a pooled read connection: bounded with the reads, and DisposeAsync waits for it.
            await _reads.UseAsync(c => Task.Run(() => { c.BackupTo(partial); return true; }, ct), ct).ConfigureAwait(false);
            File.Move(partial, destination, overwrite: true);
        }
        catch (SqliteException ex) when (SqliteFileErrors.IsFileError(ex))
        {
            throw SqliteFileErrors.Wrap(ex, destination, "Backing up the event store");
        }
        finally
        {
            foreach (string leftover in new[] { partial, partial + "-journal", partial + "-wal", partial + "-shm" })
            {
                File.Delete(leftover);
            }
        }
    }

    /// <summary>Runs a checkpoint or snapshot write on the write connection, between appends.</summary>
    private Task WriteStateAsync(string doing, Action<SqliteStateWriter> write, CancellationToken ct) =>
        WriteAsync(doing, () =>
        {
            write(_state);
            return true;
        }, ct);

    /// <summary>
    /// Runs <paramref name="write"/> in a write transaction on the write connection: one write at a time in
    /// this process (the gate), and SQLite's write lock, both waited for asynchronously and cancellably.
    /// </summary>
    private async Task<T> WriteAsync<T>(string doing, Func<T> write, CancellationToken ct)
    {
        ThrowIfDisposed();
        await _writeGate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            ThrowIfDisposed();
            var writeLock = _appender.WriteLock;
            await writeLock.BeginAsync(doing, ct).ConfigureAwait(false);
            return writeLock.CommitAfter(write);
        }
        catch (SqliteException ex) when (SqliteFileErrors.IsFileError(ex))
        {
            throw SqliteFileErrors.Wrap(ex, Path, doing);
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

    /// <summary>
    /// Waits for the append and the reads in progress, copies the WAL into the main file and closes every
    /// connection, so the main file alone holds every event and can be copied (unless another process
    /// still has the file open: then its last connection does this).
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _writeGate.WaitAsync().ConfigureAwait(false);
        try
        {
            await _reads.DisposeAsync().ConfigureAwait(false);
            try
            {
                // Best effort and never waiting: another process may hold the file; then its last connection checkpoints.
                _appender.WriteLock.TryExec("PRAGMA optimize;");
                _appender.WriteLock.TryExec("PRAGMA wal_checkpoint(TRUNCATE);");
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
        EventChecksum.Verify(row);
        var serializer = _options.Serializer;
        object value = serializer.Deserialize(row.Stream, row.Version, row.EventName, row.SchemaVersion, row.Data);
        return new RecordedEvent(
            row.Stream, row.Version, GlobalPosition.FromSequence(row.Position), row.EventId, row.EventName, row.SchemaVersion, value,
            new DateTimeOffset(row.TimestampTicks, TimeSpan.Zero), serializer.DeserializeMetadata(row.Metadata));
    }

    /// <summary>How far one filtered subscription has read the log, matching or not.</summary>
    private sealed class ScanMark
    {
        public long Position { get; set; }
    }
}

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
public sealed partial class SqliteEventStore : IEventStore, IParkedEventStore, ISequentialLog, IStreamTruncation
{
    private readonly SqliteEventStoreOptions _options;
    private readonly SqliteConnectionFactory _connections;
    private readonly SqliteAppender _appender;
    private readonly SqliteStateWriter _state;
    private readonly SqliteReadPool _reads;
    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private readonly AppendSignal _appended = new();
    private readonly CancellationTokenSource _closed = new();
    private readonly CatchUpSubscription _catchUp;
    private readonly Microsoft.Extensions.Logging.ILogger _logger;
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
        _logger = _options.LoggerFactory?.CreateLogger(SqliteLog.Category) ?? Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;
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
        _catchUp = new CatchUpSubscription(
            $"SQLite event store '{Path}'", ReadLogEndAsync, ReadRangeAsync, _options.Serializer, _appended, _options.PollInterval, _closed.Token);
    }

    /// <summary>The full path of the store's file.</summary>
    public string Path { get; }

    /// <inheritdoc/>
    public EventSerializer Serializer => _options.Serializer;

    public async Task<AppendResult> AppendAsync(string stream, ExpectedVersion expected, IReadOnlyList<EventData> events, CancellationToken ct = default)
    {
        long started = System.Diagnostics.Stopwatch.GetTimestamp();
        var activity = EventStoreTelemetry.StartAppend(TelemetryName, stream, events?.Count ?? 0);
        try
        {
            var result = await AppendCoreAsync(stream, expected, events!, ct).ConfigureAwait(false);
            EventStoreTelemetry.AppendEnded(activity, TelemetryName, events!.Count, started);
            EventStoreTelemetry.LogAppended(_logger, TelemetryName, stream, expected, events.Count, result.NextExpectedVersion);
            return result;
        }
        catch (Exception ex)
        {
            if (SqliteLog.IsLockTimeout(ex))
            {
                SqliteLog.LockTimedOut(_logger, ex, Path, stream, _options.BusyTimeout.TotalMilliseconds);
            }

            EventStoreTelemetry.AppendEnded(activity, TelemetryName, events?.Count ?? 0, started, ex);
            throw;
        }
    }

    /// <summary>The <c>store</c> tag of this store's telemetry.</summary>
    private const string TelemetryName = "sqlite";

    private async Task<AppendResult> AppendCoreAsync(string stream, ExpectedVersion expected, IReadOnlyList<EventData> events, CancellationToken ct)
    {
        // Checked and serialized before the write lock is taken, so writers serialize in parallel.
        var serialized = AppendBatch.Prepare(stream, expected, events, _options.Serializer);
        ThrowIfDisposed();
        ct.ThrowIfCancellationRequested();

        var outcome = await WriteAsync(
            $"The append to stream '{StreamName.Quote(stream)}'",
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
        options.Validate(stream);
        long remaining = options.MaxCount ?? long.MaxValue;
        bool forwards = options.Direction == ReadDirection.Forwards;
        long next = options.FromVersion ?? (forwards ? 0 : long.MaxValue);
        while (remaining > 0 && next >= 0)
        {
            ct.ThrowIfCancellationRequested();
            int limit = (int)Math.Min(remaining, _options.ReadPageSize);
            long from = next;
            var page = await _reads.UseAsync(c => c.ReadStreamPageAsync(stream, forwards, from, limit, ct), ct).ConfigureAwait(false);
            EventStoreTelemetry.Read(TelemetryName, globalLog: false, page.Count);
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

    /// <inheritdoc/>
    /// <remarks>The limit is kept in the file, so appends from every process on it keep the stream bounded.</remarks>
    public Task SetStreamMaxCountAsync(string stream, long maxCount, CancellationToken ct = default)
    {
        StreamName.Validate(stream);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxCount, 1);
        return WriteAsync(
            $"Setting the max count of stream '{StreamName.Quote(stream)}'",
            () =>
            {
                _appender.SetMaxCount(stream, maxCount);
                return true;
            },
            ct);
    }

    public Task DeleteSnapshotAsync(string stream, CancellationToken ct = default)
    {
        StreamName.Validate(stream);
        return WriteStateAsync($"The snapshot deletion of stream '{stream}'", w => w.DeleteSnapshot(stream), ct);
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

    public Task<GlobalPosition?> GetLastPositionAsync(CancellationToken ct = default)
    {
        ThrowIfDisposed();
        return ReadLogEndAsync(ct);
    }

    private async Task<GlobalPosition?> ReadLogEndAsync(CancellationToken ct)
    {
        long last = await _reads.UseAsync(c => c.GetLastPositionAsync(ct), ct).ConfigureAwait(false);
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
        bool scan = false;
        while (next <= to)
        {
            ct.ThrowIfCancellationRequested();
            long start = next;
            bool scanPage = scan;
            var page = await _reads.UseAsync(c => c.ReadAllPageAsync(start, to, condition, scanPage, limit, ct), ct).ConfigureAwait(false);
            EventStoreTelemetry.Read(TelemetryName, globalLog: true, page.Count);
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
            scan = condition.HasNames && FilteredReadPlan.ScanNextPage(page.Count, start, page[^1].Position);
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

        _closed.Cancel();

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

    /// <summary>A row as an event still in stored form, or as poison when the row itself cannot be read.</summary>
    private SubscriptionMessage ToMessage(StoredEvent row)
    {
        var position = GlobalPosition.FromSequence(row.Position);
        if (row.RowError is { } error)
        {
            var exception = new EventDeserializationException(row.Stream, row.Version, row.EventName, row.SchemaVersion, error, position: position);
            return new PoisonEvent(row.Stream, row.Version, position, row.EventId, row.EventName, row.SchemaVersion, exception);
        }

        try
        {
            EventChecksum.Verify(row);
        }
        catch (EventChecksumMismatchException mismatch)
        {
            return new PoisonEvent(row.Stream, row.Version, position, row.EventId, row.EventName, row.SchemaVersion, mismatch);
        }

        return new RecordedEvent(
            row.Stream, row.Version, position, row.EventId, row.EventName, row.SchemaVersion,
            new DateTimeOffset(row.TimestampTicks, TimeSpan.Zero), row.Data, row.Metadata, _options.Serializer);
    }
}

using Microsoft.Data.Sqlite;

namespace Eventfold.Sqlite;

/// <summary>
/// The store's one write connection and its prepared statements. Not thread-safe: the store lets one
/// append in at a time, and SQLite's write lock (an IMMEDIATE transaction, taken by
/// <see cref="SqliteWriteLock"/> before <see cref="Append"/> runs) orders appends from other processes,
/// so the stream's version check and the insert see the same stream.
/// </summary>
internal sealed class SqliteAppender : IDisposable
{
    private const int SqliteConstraint = 19;

    private readonly SqliteConnection _connection;
    private readonly SqliteCommand _selectHead;
    private readonly SqliteCommand _selectById;
    private readonly SqliteCommand _selectRange;
    private readonly SqliteCommand _insert;
    private readonly SqliteCommand _trim;
    private readonly SqliteCommand _setLimit;
    private readonly List<SqliteCommand> _commands = [];

    public SqliteAppender(SqliteConnectionFactory connections)
    {
        _connection = connections.OpenWriter();
        try
        {
            SqliteSchema.EnsureCreated(_connection, connections.Path);
            WriteLock = new SqliteWriteLock(_connection, connections);
            int timeout = connections.CommandTimeoutSeconds;
            _selectHead = Prepare("SELECT version, position FROM events WHERE stream = $stream ORDER BY version DESC LIMIT 1;", timeout, "$stream");
            _selectById = Prepare("SELECT version FROM events WHERE stream = $stream AND event_id = $id;", timeout, "$stream", "$id");
            _selectRange = Prepare(
                "SELECT version, event_id, position FROM events WHERE stream = $stream AND version >= $first AND version < $end ORDER BY version;",
                timeout, "$stream", "$first", "$end");
            _insert = Prepare(
                """
                INSERT INTO events (stream, version, event_id, event_name, schema_version, data, metadata, timestamp, checksum)
                VALUES ($stream, $version, $id, $name, $schema, $data, $metadata, $timestamp, $checksum);
                """,
                timeout, "$stream", "$version", "$id", "$name", "$schema", "$data", "$metadata", "$timestamp", "$checksum");

            // A stream without a limit finds no row in stream_limits: the bound is NULL and nothing is deleted.
            _trim = Prepare(
                "DELETE FROM events WHERE stream = $stream AND version <= $last - (SELECT max_count FROM stream_limits WHERE stream = $stream);",
                timeout, "$stream", "$last");
            _setLimit = Prepare(
                "INSERT INTO stream_limits (stream, max_count) VALUES ($stream, $max) ON CONFLICT (stream) DO UPDATE SET max_count = excluded.max_count;",
                timeout, "$stream", "$max");
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>The write connection, for the other writes the store serializes with appends.</summary>
    internal SqliteConnection Connection => _connection;

    /// <summary>Takes and releases SQLite's write lock for every write on <see cref="Connection"/>.</summary>
    internal SqliteWriteLock WriteLock { get; } = null!;

    public void Dispose()
    {
        foreach (var command in _commands)
        {
            command.Dispose();
        }

        WriteLock?.Dispose();
        _connection.Dispose();
    }

    /// <summary>Appends <paramref name="serialized"/> in the open write transaction, or finds them already there.</summary>
    /// <returns>The result, and whether anything was written.</returns>
    public (AppendResult Result, bool Written) Append(
        string stream, ExpectedVersion expected, IReadOnlyList<EventData> events, SerializedEvent[] serialized, long timestampTicks, int maxEventSizeBytes)
    {
        var (current, lastPosition) = ReadHead(stream);
        for (int i = 0; i < serialized.Length; i++)
        {
            serialized[i].EnsureWithinLimit(stream, current + 1 + i, maxEventSizeBytes);
        }

        // A retry is looked for only when the append cannot go ahead as new (a version conflict, or its
        // first id already stored), so the common append pays for no lookup.
        if (!expected.IsSatisfiedBy(current))
        {
            return events.Count > 0 && FindRetry(stream, expected, events) is { } retry
                ? (retry, false)
                : throw new WrongExpectedVersionException(stream, expected, current);
        }

        if (serialized.Length == 0)
        {
            return (new AppendResult(current, lastPosition), false);
        }

        var p = _insert.Parameters;
        p[0].Value = stream;
        p[7].Value = timestampTicks;
        for (int i = 0; i < serialized.Length; i++)
        {
            var e = serialized[i];
            long version = current + 1 + i;
            byte[] eventId = EventIdCodec.Encode(e.EventId);
            p[1].Value = version;
            p[2].Value = eventId;
            p[3].Value = e.EventName;
            p[4].Value = e.SchemaVersion;
            p[5].Value = e.Data;
            p[6].Value = e.Metadata;
            p[8].Value = EventChecksum.Compute(stream, version, eventId, e.EventName, e.SchemaVersion, e.Data, e.Metadata, timestampTicks);
            try
            {
                _insert.ExecuteNonQuery();
            }
            catch (SqliteException ex) when (ex.SqliteErrorCode == SqliteConstraint)
            {
                // Only the first id can open a retry: nothing of this batch is inserted yet, and the
                // caller's commit of the empty transaction writes nothing.
                if (i == 0 && FindRetry(stream, expected, events) is { } retry)
                {
                    return (retry, false);
                }

                if (FindStored(stream, e.EventId) is { } clash)
                {
                    throw new DuplicateEventIdException(stream, e.EventId, stream, clash);
                }

                throw;
            }
        }

        long position = SQLitePCL.raw.sqlite3_last_insert_rowid(_connection.Handle);
        Trim(stream, current + serialized.Length);
        return (new AppendResult(current + serialized.Length, GlobalPosition.FromSequence(position)), true);
    }

    /// <summary>Sets the max count of <paramref name="stream"/> and drops what it no longer keeps, in the open write transaction.</summary>
    public void SetMaxCount(string stream, long maxCount)
    {
        _setLimit.Parameters[0].Value = stream;
        _setLimit.Parameters[1].Value = maxCount;
        _setLimit.ExecuteNonQuery();
        var (version, _) = ReadHead(stream);
        if (version >= 0)
        {
            Trim(stream, version);
        }
    }

    /// <summary>
    /// Drops the events of <paramref name="stream"/> older than its newest max count, if it has one. The newest
    /// event always stays, so the stream's version (its last row) and the log's end are unchanged.
    /// </summary>
    private void Trim(string stream, long lastVersion)
    {
        _trim.Parameters[0].Value = stream;
        _trim.Parameters[1].Value = lastVersion;
        _trim.ExecuteNonQuery();
    }

    private (long Version, GlobalPosition Position) ReadHead(string stream)
    {
        _selectHead.Parameters[0].Value = stream;
        using var reader = _selectHead.ExecuteReader();
        return reader.Read()
            ? (reader.GetInt64(0), GlobalPosition.FromSequence(reader.GetInt64(1)))
            : (-1, GlobalPosition.Start);
    }

    /// <summary>The result of an earlier append of exactly these events at a place <paramref name="expected"/> allows, if there was one.</summary>
    private AppendResult? FindRetry(string stream, ExpectedVersion expected, IReadOnlyList<EventData> events)
    {
        if (FindStored(stream, events[0].EventId) is not { } firstVersion)
        {
            return null;
        }

        var first = (Stream: stream, Version: firstVersion);

        var p = _selectRange.Parameters;
        p[0].Value = stream;
        p[1].Value = first.Version;
        p[2].Value = first.Version + events.Count;
        var stored = new Dictionary<long, (Guid Id, long Position)>(events.Count);
        using (var reader = _selectRange.ExecuteReader())
        {
            while (reader.Read())
            {
                stored[reader.GetInt64(0)] = (EventIdCodec.Decode(reader.GetFieldValue<byte[]>(1)), reader.GetInt64(2));
            }
        }

        if (!IdempotentAppend.IsRetry(events, first.Version, v => stored.TryGetValue(v, out var s) ? s.Id : null, expected))
        {
            return null;
        }

        long last = first.Version + events.Count - 1;
        return new AppendResult(last, GlobalPosition.FromSequence(stored[last].Position));
    }

    /// <summary>The version at which <paramref name="stream"/> holds <paramref name="eventId"/>, or null.</summary>
    private long? FindStored(string stream, Guid eventId)
    {
        _selectById.Parameters[0].Value = stream;
        _selectById.Parameters[1].Value = EventIdCodec.Encode(eventId);
        using var reader = _selectById.ExecuteReader();
        return reader.Read() ? reader.GetInt64(0) : null;
    }

    private SqliteCommand Prepare(string sql, int timeoutSeconds, params string[] parameterNames)
    {
        var command = PreparedCommand.Create(_connection, sql, timeoutSeconds, parameterNames);
        _commands.Add(command);
        return command;
    }
}

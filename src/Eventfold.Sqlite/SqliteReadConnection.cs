using Microsoft.Data.Sqlite;

namespace Eventfold.Sqlite;

/// <summary>
/// One pooled read connection and the statements it has prepared. Each read takes a connection for one
/// page only, so a slow consumer never holds a connection (or a WAL snapshot) open.
/// </summary>
internal sealed class SqliteReadConnection : IDisposable
{
    private const string Columns = "position, stream, version, event_id, event_name, schema_version, data, metadata, timestamp, checksum";
    private const int MaxCachedCommands = 32;

    private readonly SqliteConnection _connection;
    private readonly int _timeoutSeconds;
    private readonly Dictionary<string, SqliteCommand> _commands = new(StringComparer.Ordinal);

    public SqliteReadConnection(SqliteConnectionFactory connections)
    {
        _connection = connections.OpenReader();
        _timeoutSeconds = connections.CommandTimeoutSeconds;
    }

    public Task<List<StoredEvent>> ReadStreamPageAsync(string stream, bool forwards, long fromVersion, int limit, CancellationToken ct)
    {
        var command = Command(forwards
            ? $"SELECT {Columns} FROM events WHERE stream = $stream AND version >= $from ORDER BY version LIMIT $limit;"
            : $"SELECT {Columns} FROM events WHERE stream = $stream AND version <= $from ORDER BY version DESC LIMIT $limit;");
        Bind(command, "$stream", stream);
        Bind(command, "$from", fromVersion);
        Bind(command, "$limit", limit);
        return ReadRowsAsync(command, limit, ct);
    }

    /// <summary>
    /// A page of the global log; with <paramref name="scanByPosition"/> SQLite walks it in position order and
    /// tests each row's name rather than looking the names up in their index (see <see cref="FilteredReadPlan"/>).
    /// </summary>
    public Task<List<StoredEvent>> ReadAllPageAsync(long fromPosition, long toPosition, EventFilterSql filter, bool scanByPosition, int limit, CancellationToken ct)
    {
        string condition = scanByPosition ? filter.ScanCondition : filter.Condition;
        var command = Command($"SELECT {Columns} FROM events WHERE position >= $from AND position <= $to{condition} ORDER BY position LIMIT $limit;");
        Bind(command, "$from", fromPosition);
        Bind(command, "$to", toPosition);
        Bind(command, "$limit", limit);
        foreach (var (name, value) in filter.Parameters)
        {
            Bind(command, name, value);
        }

        return ReadRowsAsync(command, limit, ct);
    }

    public async Task<long> GetStreamVersionAsync(string stream, CancellationToken ct)
    {
        var command = Command("SELECT max(version) FROM events WHERE stream = $stream;");
        Bind(command, "$stream", stream);
        object? version = await command.ExecuteScalarAsync(ct).ConfigureAwait(false);
        return version is long v ? v : -1;
    }

    /// <summary>The position of the log's last event, 0 when it is empty.</summary>
    public async Task<long> GetLastPositionAsync(CancellationToken ct)
    {
        var command = Command("SELECT max(position) FROM events;");
        object? position = await command.ExecuteScalarAsync(ct).ConfigureAwait(false);
        return position is long p ? p : 0;
    }

    public async Task<GlobalPosition?> GetCheckpointAsync(string consumer, CancellationToken ct)
    {
        var command = Command("SELECT commit_position, prepare_position FROM checkpoints WHERE consumer = $consumer;");
        Bind(command, "$consumer", consumer);
        await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        return await reader.ReadAsync(ct).ConfigureAwait(false)
            ? new GlobalPosition(unchecked((ulong)reader.GetInt64(0)), unchecked((ulong)reader.GetInt64(1)))
            : null;
    }

    public async Task<Snapshot?> GetSnapshotAsync(string stream, CancellationToken ct)
    {
        var command = Command("SELECT version, state_type, schema_version, data FROM snapshots WHERE stream = $stream;");
        Bind(command, "$stream", stream);
        await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        return await reader.ReadAsync(ct).ConfigureAwait(false)
            ? new Snapshot(stream, reader.GetInt64(0), reader.GetString(1), reader.GetInt32(2), reader.GetFieldValue<byte[]>(3))
            : null;
    }

    /// <summary>
    /// Copies the whole database into the empty file at <paramref name="destinationPath"/> with SQLite's
    /// online backup, in one step: one read transaction, so the copy is one consistent state of the log
    /// while writers go on (WAL readers never block them).
    /// </summary>
    public void BackupTo(string destinationPath)
    {
        using var destination = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = destinationPath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
        }.ToString());
        destination.Open();
        _connection.BackupDatabase(destination);
    }

    public void Dispose()
    {
        foreach (var command in _commands.Values)
        {
            command.Dispose();
        }

        _connection.Dispose();
    }

    private static async Task<List<StoredEvent>> ReadRowsAsync(SqliteCommand command, int limit, CancellationToken ct)
    {
        var rows = new List<StoredEvent>(Math.Min(limit, 256));
        await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        while (await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            rows.Add(ReadRow(reader));
        }

        return rows;
    }

    private static StoredEvent ReadRow(SqliteDataReader reader)
    {
        // Position, stream, version, name and schema version name the event in an error, so they are read
        // first; the other columns are read inside the guard, and a bad one marks only this row.
        long position = reader.GetInt64(0);
        string stream = reader.IsDBNull(1) ? "" : reader.GetString(1);
        long version = reader.IsDBNull(2) ? -1 : reader.GetInt64(2);
        string eventName = reader.IsDBNull(4) ? "" : reader.GetString(4);
        int schemaVersion = reader.IsDBNull(5) ? 0 : reader.GetInt32(5);
        try
        {
            return new StoredEvent(
                position, stream, version,
                EventId: EventIdCodec.Decode(reader.GetFieldValue<byte[]>(3)),
                eventName, schemaVersion,
                Data: reader.GetFieldValue<byte[]>(6),
                Metadata: reader.GetFieldValue<byte[]>(7),
                TimestampTicks: ReadTimestampTicks(reader),
                Checksum: reader.IsDBNull(9) ? null : reader.GetInt64(9));
        }
        catch (Exception ex) when (ex is InvalidCastException or FormatException or ArgumentException or OverflowException or InvalidOperationException)
        {
            return new StoredEvent(position, stream, version, Guid.Empty, eventName, schemaVersion, [], [], 0, null, $"its row cannot be read: {ex.Message}");
        }
    }

    private static long ReadTimestampTicks(SqliteDataReader reader)
    {
        long ticks = reader.GetInt64(8);
        if (ticks < DateTimeOffset.MinValue.UtcTicks || ticks > DateTimeOffset.MaxValue.UtcTicks)
        {
            throw new FormatException($"timestamp {ticks} is not a time");
        }

        return ticks;
    }

    private static void Bind(SqliteCommand command, string name, object value)
    {
        if (command.Parameters.Contains(name))
        {
            command.Parameters[name].Value = value;
        }
        else
        {
            command.Parameters.AddWithValue(name, value);
        }
    }

    private SqliteCommand Command(string sql)
    {
        if (_commands.TryGetValue(sql, out var command))
        {
            return command;
        }

        if (_commands.Count >= MaxCachedCommands)
        {
            // Filters of many shapes: start over rather than keep every statement prepared.
            foreach (var old in _commands.Values)
            {
                old.Dispose();
            }

            _commands.Clear();
        }

        command = _connection.CreateCommand();
        command.CommandText = sql;
        command.CommandTimeout = _timeoutSeconds;
        _commands.Add(sql, command);
        return command;
    }
}

using Microsoft.Data.Sqlite;

namespace Eventfold.Benchmarks.Sqlite;

/// <summary>
/// The append baseline: Microsoft.Data.Sqlite alone. One transaction per call and one prepared INSERT of
/// the store's columns, run once per row; no version check, no idempotency lookup, no serialization.
/// </summary>
public sealed class RawSqliteWriter : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly SqliteCommand _begin;
    private readonly SqliteCommand _commit;
    private readonly SqliteCommand _insert;

    public RawSqliteWriter(TempDatabase database)
    {
        _connection = database.OpenRaw();
        _begin = Prepare("BEGIN IMMEDIATE;");
        _commit = Prepare("COMMIT;");
        _insert = Prepare(
            """
            INSERT INTO events (stream, version, event_id, event_name, schema_version, data, metadata, timestamp)
            VALUES ($stream, $version, $id, $name, $schema, $data, $metadata, $timestamp);
            """,
            "$stream", "$version", "$id", "$name", "$schema", "$data", "$metadata", "$timestamp");
    }

    /// <summary>Inserts the first <paramref name="count"/> rows as versions 0.. of a new stream.</summary>
    public void Append(string stream, SerializedEvent[] rows, int count)
    {
        // New ids for every call, as the store's callers make them, and before the transaction, as the
        // store does: each id costs a system call for randomness.
        var ids = new byte[count][];
        for (int i = 0; i < count; i++)
        {
            ids[i] = new byte[16];
            Guid.CreateVersion7().TryWriteBytes(ids[i], bigEndian: true, out _);
        }

        var p = _insert.Parameters;
        _begin.ExecuteNonQuery();
        p[0].Value = stream;
        p[7].Value = DateTime.UtcNow.Ticks;
        for (int i = 0; i < count; i++)
        {
            var row = rows[i];
            p[1].Value = (long)i;
            p[2].Value = ids[i];
            p[3].Value = row.EventName;
            p[4].Value = row.SchemaVersion;
            p[5].Value = row.Data;
            p[6].Value = row.Metadata;
            _insert.ExecuteNonQuery();
        }

        _commit.ExecuteNonQuery();
    }

    public void Dispose()
    {
        _insert.Dispose();
        _commit.Dispose();
        _begin.Dispose();
        _connection.Dispose();
    }

    private SqliteCommand Prepare(string sql, params string[] parameters)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        foreach (string name in parameters)
        {
            command.Parameters.Add(new SqliteParameter { ParameterName = name });
        }

        command.Prepare();
        return command;
    }
}

using Microsoft.Data.Sqlite;

namespace Eventfold.Sqlite;

/// <summary>
/// Writes checkpoints and snapshots on the store's write connection, with prepared statements. Each
/// write is one statement, so it is atomic on its own; the store runs them under its write gate.
/// </summary>
internal sealed class SqliteStateWriter : IDisposable
{
    private readonly SqliteCommand _setCheckpoint;
    private readonly SqliteCommand _deleteCheckpoint;
    private readonly SqliteCommand _setSnapshot;
    private readonly SqliteCommand _deleteSnapshot;

    public SqliteStateWriter(SqliteConnection connection, int timeoutSeconds)
    {
        _setCheckpoint = PreparedCommand.Create(
            connection,
            """
            INSERT INTO checkpoints (consumer, commit_position, prepare_position, updated) VALUES ($consumer, $commit, $prepare, $updated)
            ON CONFLICT (consumer) DO UPDATE SET
                commit_position = excluded.commit_position, prepare_position = excluded.prepare_position, updated = excluded.updated
            WHERE excluded.commit_position > checkpoints.commit_position
               OR (excluded.commit_position = checkpoints.commit_position AND excluded.prepare_position > checkpoints.prepare_position);
            """,
            timeoutSeconds,
            "$consumer", "$commit", "$prepare", "$updated");
        _deleteCheckpoint = PreparedCommand.Create(connection, "DELETE FROM checkpoints WHERE consumer = $consumer;", timeoutSeconds, "$consumer");

        // The WHERE on the upsert keeps a newer snapshot when a slow writer brings an older one.
        _setSnapshot = PreparedCommand.Create(
            connection,
            """
            INSERT INTO snapshots (stream, version, state_type, schema_version, data, timestamp) VALUES ($stream, $version, $type, $schema, $data, $timestamp)
            ON CONFLICT (stream) DO UPDATE SET
                version = excluded.version, state_type = excluded.state_type, schema_version = excluded.schema_version,
                data = excluded.data, timestamp = excluded.timestamp
            WHERE excluded.version >= snapshots.version;
            """,
            timeoutSeconds,
            "$stream", "$version", "$type", "$schema", "$data", "$timestamp");
        _deleteSnapshot = PreparedCommand.Create(connection, "DELETE FROM snapshots WHERE stream = $stream;", timeoutSeconds, "$stream");
    }

    public void SetCheckpoint(string consumer, GlobalPosition position, long updatedTicks) =>
        Run(_setCheckpoint, consumer, unchecked((long)position.Commit), unchecked((long)position.Prepare), updatedTicks);

    public void DeleteCheckpoint(string consumer) => Run(_deleteCheckpoint, consumer);

    public void SetSnapshot(Snapshot snapshot, long timestampTicks) =>
        Run(_setSnapshot, snapshot.Stream, snapshot.Version, snapshot.StateType, snapshot.SchemaVersion, snapshot.Data, timestampTicks);

    public void DeleteSnapshot(string stream) => Run(_deleteSnapshot, stream);

    public void Dispose()
    {
        _setCheckpoint.Dispose();
        _deleteCheckpoint.Dispose();
        _setSnapshot.Dispose();
        _deleteSnapshot.Dispose();
    }

    private static void Run(SqliteCommand command, params object[] values)
    {
        for (int i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i];
        }

        command.ExecuteNonQuery();
    }
}

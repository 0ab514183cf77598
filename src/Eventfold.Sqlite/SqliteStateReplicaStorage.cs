using Microsoft.Data.Sqlite;

namespace Eventfold.Sqlite;

/// <summary>
/// A <see cref="StateReplica{T}"/>'s copy and checkpoint in a SQLite file of the consumer's own (not the
/// publisher's store), so a restarted consumer starts from its copy and reads only what was published since.
/// A state is kept only when newer than the one kept for its id, and each is written before the checkpoint
/// passes it, so after a crash the copy is never behind its checkpoint. The checkpoint table is the one
/// <see cref="SqliteReadModel"/> uses, so one file can hold both.
/// </summary>
public sealed class SqliteStateReplicaStorage : IStateReplicaStorage, IDisposable
{
    private readonly Lock _sync = new();
    private readonly SqliteConnection _connection;
    private readonly SqliteReadModel _checkpoints;

    public SqliteStateReplicaStorage(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        _checkpoints = new SqliteReadModel(path);
        _connection = _checkpoints.Connection;
        Execute("""
            CREATE TABLE IF NOT EXISTS eventfold_replica_states (
                replica TEXT    NOT NULL,
                id      TEXT    NOT NULL,
                version INTEGER NOT NULL,
                data    BLOB    NOT NULL,
                PRIMARY KEY (replica, id)
            ) STRICT;
            """);
    }

    public Task<IReadOnlyList<StoredReplicaState>> LoadAsync(string replica, CancellationToken ct = default)
    {
        var states = new List<StoredReplicaState>();
        lock (_sync)
        {
            using var command = _connection.CreateCommand();
            command.CommandText = "SELECT id, version, data FROM eventfold_replica_states WHERE replica = $replica;";
            command.Parameters.AddWithValue("$replica", replica);
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                states.Add(new StoredReplicaState(reader.GetString(0), reader.GetInt64(1), (byte[])reader.GetValue(2)));
            }
        }

        return Task.FromResult<IReadOnlyList<StoredReplicaState>>(states);
    }

    public Task SaveAsync(string replica, StoredReplicaState state, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(state);
        lock (_sync)
        {
            using var command = _connection.CreateCommand();
            command.CommandText = """
                INSERT INTO eventfold_replica_states (replica, id, version, data) VALUES ($replica, $id, $version, $data)
                ON CONFLICT (replica, id) DO UPDATE SET version = excluded.version, data = excluded.data WHERE excluded.version > version;
                """;
            command.Parameters.AddWithValue("$replica", replica);
            command.Parameters.AddWithValue("$id", state.Id);
            command.Parameters.AddWithValue("$version", state.Version);
            command.Parameters.AddWithValue("$data", state.Json.ToArray());
            command.ExecuteNonQuery();
        }

        return Task.CompletedTask;
    }

    public Task ClearAsync(string replica, CancellationToken ct = default)
    {
        lock (_sync)
        {
            using var command = _connection.CreateCommand();
            command.CommandText = "DELETE FROM eventfold_replica_states WHERE replica = $replica;";
            command.Parameters.AddWithValue("$replica", replica);
            command.ExecuteNonQuery();
        }

        return Task.CompletedTask;
    }

    public Task<GlobalPosition?> GetCheckpointAsync(string consumer, CancellationToken ct = default)
    {
        lock (_sync)
        {
            return _checkpoints.GetCheckpointAsync(consumer, ct);
        }
    }

    public Task SetCheckpointAsync(string consumer, GlobalPosition position, CancellationToken ct = default)
    {
        lock (_sync)
        {
            return _checkpoints.SetCheckpointAsync(consumer, position, ct);
        }
    }

    public Task DeleteCheckpointAsync(string consumer, CancellationToken ct = default)
    {
        lock (_sync)
        {
            return _checkpoints.DeleteCheckpointAsync(consumer, ct);
        }
    }

    public void Dispose() => _checkpoints.Dispose();

    private void Execute(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}

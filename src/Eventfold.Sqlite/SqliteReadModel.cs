using Microsoft.Data.Sqlite;

namespace Eventfold.Sqlite;

/// <summary>
/// A read model kept in a SQLite file, with its projections' checkpoints in the same file, so that each
/// event's change to the read model and the checkpoint past it commit in one transaction: a crash leaves
/// both before the event or both after it, and a restart neither repeats nor loses a change (an
/// exactly-once effect over at-least-once delivery). Give it to the runner as
/// <see cref="ProjectionRunnerOptions.Checkpoints"/> and make every change through <see cref="Commit{T}"/>.
/// One connection, used by one handler at a time (the runner's default of one stream at a time).
/// It keeps the projections' leases too (SqliteReadModel.Leases.cs), so runners in several processes can share it.
/// </summary>
public sealed partial class SqliteReadModel : ICheckpointStore, IDisposable
{
    private readonly Lock _sync = new();

    /// <param name="path">The read model's SQLite file.</param>
    /// <param name="clock">The clock lease expiry is judged by; null for the system clock.</param>
    public SqliteReadModel(string path, TimeProvider? clock = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        Path = path;
        _clock = clock ?? TimeProvider.System;
        Connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false, DefaultTimeout = 30 }.ToString());
        Connection.Open();
        Execute("PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA busy_timeout = 30000;");
        Execute("""
            CREATE TABLE IF NOT EXISTS eventfold_checkpoints (
                consumer         TEXT    PRIMARY KEY,
                commit_position  INTEGER NOT NULL,
                prepare_position INTEGER NOT NULL
            ) STRICT;
            """);
        Execute(LeasesTable);
    }

    public string Path { get; }

    /// <summary>The read model's connection, for creating its tables and for queries outside a <see cref="Commit{T}"/>.</summary>
    public SqliteConnection Connection { get; }

    /// <summary>
    /// Runs <paramref name="change"/> and moves projection <typeparamref name="T"/>'s checkpoint to the event's
    /// position, in one transaction. An event at or before the checkpoint (delivered again after a restart) is
    /// not applied again: returns false. When this read model holds <typeparamref name="T"/>'s lease (a leased
    /// runner took it here), the change commits only while that lease is still current.
    /// </summary>
    /// <exception cref="ProjectionLeaseLostException">Another runner took the lease over; nothing was changed.</exception>
    public bool Commit<T>(EventContext context, Action<SqliteTransaction> change)
        where T : class, IProjection
    {
        ArgumentNullException.ThrowIfNull(change);
        string consumer = ProjectionRunner<T>.CheckpointName;
        lock (_sync)
        {
            using var transaction = Connection.BeginTransaction(deferred: false);
            if (Read(consumer, transaction) is { } checkpoint && context.Position <= checkpoint)
            {
                return false;
            }

            ThrowIfLeaseLost(T.ProjectionName, transaction);

            change(transaction);
            Write(consumer, context.Position, transaction);
            transaction.Commit();
            return true;
        }
    }

    public Task<GlobalPosition?> GetCheckpointAsync(string consumer, CancellationToken ct = default)
    {
        lock (_sync)
        {
            return Task.FromResult(Read(consumer, null));
        }
    }

    /// <summary>Moves the checkpoint forwards only (the runner also stores scan positions past filtered events).</summary>
    public Task SetCheckpointAsync(string consumer, GlobalPosition position, CancellationToken ct = default)
    {
        lock (_sync)
        {
            using var transaction = Connection.BeginTransaction(deferred: false);
            if (Read(consumer, transaction) is not { } current || position > current)
            {
                Write(consumer, position, transaction);
            }

            transaction.Commit();
        }

        return Task.CompletedTask;
    }

    public Task DeleteCheckpointAsync(string consumer, CancellationToken ct = default)
    {
        lock (_sync)
        {
            using var command = Connection.CreateCommand();
            command.CommandText = "DELETE FROM eventfold_checkpoints WHERE consumer = $consumer;";
            command.Parameters.AddWithValue("$consumer", consumer);
            command.ExecuteNonQuery();
        }

        return Task.CompletedTask;
    }

    public void Dispose() => Connection.Dispose();

    private GlobalPosition? Read(string consumer, SqliteTransaction? transaction)
    {
        using var command = Connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT commit_position, prepare_position FROM eventfold_checkpoints WHERE consumer = $consumer;";
        command.Parameters.AddWithValue("$consumer", consumer);
        using var reader = command.ExecuteReader();
        return reader.Read() ? new GlobalPosition((ulong)reader.GetInt64(0), (ulong)reader.GetInt64(1)) : null;
    }

    private void Write(string consumer, GlobalPosition position, SqliteTransaction transaction)
    {
        using var command = Connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            INSERT INTO eventfold_checkpoints (consumer, commit_position, prepare_position) VALUES ($consumer, $commit, $prepare)
            ON CONFLICT (consumer) DO UPDATE SET commit_position = excluded.commit_position, prepare_position = excluded.prepare_position;
            """;
        command.Parameters.AddWithValue("$consumer", consumer);
        command.Parameters.AddWithValue("$commit", (long)position.Commit);
        command.Parameters.AddWithValue("$prepare", (long)position.Prepare);
        command.ExecuteNonQuery();
    }

    private void Execute(string sql)
    {
        using var command = Connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}

using System.Diagnostics;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Eventfold.Sqlite;

/// <summary>
/// Takes SQLite's write lock for the write connection (an IMMEDIATE transaction) without blocking a
/// thread: the connection's busy timeout is zero, so a held lock answers SQLITE_BUSY at once, and the
/// wait is an async retry with backoff that honours cancellation and gives up after the store's
/// <see cref="SqliteEventStoreOptions.BusyTimeout"/>. Then commits or rolls back what ran inside.
/// </summary>
internal sealed class SqliteWriteLock : IDisposable
{
    private const int Busy = 5, Locked = 6;
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromMilliseconds(50);

    private readonly SqliteConnection _connection;
    private readonly string _path;
    private readonly TimeSpan _timeout;
    private readonly SqliteCommand _commit;
    private readonly SqliteCommand _rollback;

    public SqliteWriteLock(SqliteConnection connection, SqliteConnectionFactory connections)
    {
        _connection = connection;
        _path = connections.Path;
        _timeout = connections.BusyTimeout;
        Exec("PRAGMA busy_timeout = 0;");
        _commit = PreparedCommand.Create(connection, "COMMIT;", connections.CommandTimeoutSeconds);
        _rollback = PreparedCommand.Create(connection, "ROLLBACK;", connections.CommandTimeoutSeconds);
    }

    /// <summary>Begins a write transaction, waiting for another connection's to end.</summary>
    /// <param name="doing">What waits, for the timeout message: "The append to stream 'x'".</param>
    /// <param name="ct">Stops the wait.</param>
    public async ValueTask BeginAsync(string doing, CancellationToken ct)
    {
        long started = Stopwatch.GetTimestamp();
        var backoff = TimeSpan.FromMilliseconds(1);
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            int rc = raw.sqlite3_exec(_connection.Handle, "BEGIN IMMEDIATE;");
            if (rc == raw.SQLITE_OK)
            {
                return;
            }

            if ((rc & 0xFF) is not (Busy or Locked))
            {
                SqliteException.ThrowExceptionForRC(rc, _connection.Handle);
            }

            var waited = Stopwatch.GetElapsedTime(started);
            if (waited >= _timeout)
            {
                throw new TimeoutException(
                    string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{doing} waited {waited.TotalSeconds:0.###} s for")
                    + $" the write lock of the  SQLite file '{_path}' and gave up: another connection "
                    + "(another process or store instance on the file) holds a write transaction. Nothing was written. "
                    + "Raise SqliteEventStoreOptions.BusyTimeout if such waits are expected.",
                    new SqliteException(raw.sqlite3_errstr(rc).utf8_to_string(), rc, rc));
            }

            // Jittered, so that writers in several processes do not retry in step.
            var delay = backoff + TimeSpan.FromTicks(Random.Shared.NextInt64(backoff.Ticks / 2 + 1));
            await Task.Delay(delay < _timeout - waited ? delay : _timeout - waited, ct).ConfigureAwait(false);
            backoff = backoff * 2 < MaxBackoff ? backoff * 2 : MaxBackoff;
        }
    }

    /// <summary>Runs <paramref name="write"/> in the transaction <see cref="BeginAsync"/> opened, then commits it; rolls it back if anything fails.</summary>
    public T CommitAfter<T>(Func<T> write)
    {
        try
        {
            var result = write();
            _commit.ExecuteNonQuery();
            return result;
        }
        catch
        {
            // A failed COMMIT or a failed statement may already have ended the transaction.
            if (raw.sqlite3_get_autocommit(_connection.Handle) == 0)
            {
                _rollback.ExecuteNonQuery();
            }

            throw;
        }
    }

    /// <summary>Runs <paramref name="sql"/> once if the file is free now, never waiting; for the store's own upkeep.</summary>
    public bool TryExec(string sql) => raw.sqlite3_exec(_connection.Handle, sql) == raw.SQLITE_OK;

    public void Dispose()
    {
        _commit.Dispose();
        _rollback.Dispose();
    }

    private void Exec(string sql)
    {
        int rc = raw.sqlite3_exec(_connection.Handle, sql);
        if (rc != raw.SQLITE_OK)
        {
            SqliteException.ThrowExceptionForRC(rc, _connection.Handle);
        }
    }
}

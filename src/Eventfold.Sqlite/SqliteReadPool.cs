using System.Collections.Concurrent;

namespace Eventfold.Sqlite;

/// <summary>Read connections kept open for reuse; reads run in parallel, each on its own connection (WAL readers never block).</summary>
internal sealed class SqliteReadPool(SqliteConnectionFactory connections, int maxIdle) : IDisposable
{
    private readonly ConcurrentBag<SqliteReadConnection> _idle = [];
    private int _idleCount;
    private volatile bool _disposed;

    public async Task<T> UseAsync<T>(Func<SqliteReadConnection, Task<T>> read)
    {
        var connection = Rent();
        try
        {
            return await read(connection).ConfigureAwait(false);
        }
        finally
        {
            Return(connection);
        }
    }

    public void Dispose()
    {
        _disposed = true;
        Drain();
    }

    private SqliteReadConnection Rent()
    {
        ObjectDisposedException.ThrowIf(_disposed, typeof(SqliteEventStore));
        if (_idle.TryTake(out var connection))
        {
            Interlocked.Decrement(ref _idleCount);
            return connection;
        }

        return new SqliteReadConnection(connections);
    }

    private void Return(SqliteReadConnection connection)
    {
        if (_disposed || Interlocked.Increment(ref _idleCount) > maxIdle)
        {
            if (!_disposed)
            {
                Interlocked.Decrement(ref _idleCount);
            }

            connection.Dispose();
            return;
        }

        _idle.Add(connection);
        if (_disposed)
        {
            // Disposed while this read ran: do not leave the connection (and the file) open.
            Drain();
        }
    }

    private void Drain()
    {
        while (_idle.TryTake(out var connection))
        {
            connection.Dispose();
        }
    }
}

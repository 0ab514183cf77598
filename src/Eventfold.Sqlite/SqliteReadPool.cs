using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;

namespace Eventfold.Sqlite;

/// <summary>
/// Read connections, at most <c>maxOpen</c> at a time and some kept open for reuse. Reads run in
/// parallel, each on its own connection (WAL readers never block); beyond the bound a read waits,
/// asynchronously and cancellably, for a connection to come back.
/// </summary>
internal sealed class SqliteReadPool(SqliteConnectionFactory connections, int maxOpen, int maxIdle) : IAsyncDisposable, IDisposable
{
    private readonly SemaphoreSlim _slots = new(maxOpen, maxOpen);
    private readonly ConcurrentBag<SqliteReadConnection> _idle = [];
    private int _idleCount;
    private int _open;
    private volatile bool _disposed;

    /// <summary>How many read connections are open now, in use or idle.</summary>
    public int OpenConnections => Volatile.Read(ref _open);

    public async Task<T> UseAsync<T>(Func<SqliteReadConnection, Task<T>> read, CancellationToken ct = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, typeof(SqliteEventStore));
        await _slots.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, typeof(SqliteEventStore));
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
        catch (SqliteException ex) when (SqliteFileErrors.IsFileError(ex))
        {
            throw SqliteFileErrors.Wrap(ex, connections.Path, "Reading the event store");
        }
        finally
        {
            _slots.Release();
        }
    }

    /// <summary>Closes every connection, after waiting for the reads in progress to give theirs back.</summary>
    public async ValueTask DisposeAsync()
    {
        _disposed = true;
        for (int i = 0; i < maxOpen; i++)
        {
            await _slots.WaitAsync().ConfigureAwait(false);
        }

        Drain();

        // A read that passed the first check just before disposal may be queued for a slot: let it in to fail.
        _slots.Release(maxOpen);
    }

    /// <summary>Closes the idle connections; one in use closes when its read ends.</summary>
    public void Dispose()
    {
        _disposed = true;
        Drain();
    }

    private SqliteReadConnection Rent()
    {
        if (_idle.TryTake(out var connection))
        {
            Interlocked.Decrement(ref _idleCount);
            return connection;
        }

        connection = new SqliteReadConnection(connections);
        Interlocked.Increment(ref _open);
        return connection;
    }

    private void Return(SqliteReadConnection connection)
    {
        if (_disposed || Interlocked.Increment(ref _idleCount) > maxIdle)
        {
            if (!_disposed)
            {
                Interlocked.Decrement(ref _idleCount);
            }

            Close(connection);
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
            Close(connection);
        }
    }

    private void Close(SqliteReadConnection connection)
    {
        connection.Dispose();
        Interlocked.Decrement(ref _open);
    }
}

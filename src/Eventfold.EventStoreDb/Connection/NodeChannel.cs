using Grpc.Core;

namespace Eventfold.EventStoreDb;

/// <summary>
/// A channel to one node: its call invoker, its shared batch append call, and what to dispose when the
/// node is dropped. Calls hold a lease on it while they run, so a call that finds the node failing
/// only stops the connection from handing the channel out: the channel closes when its last call
/// ends, never under a call that is still running on it.
/// </summary>
internal sealed class NodeChannel(EndPoint endPoint, CallInvoker invoker, IDisposable? owner = null) : IDisposable
{
    private readonly Lock _gate = new();
    private BatchAppender? _batch;

    // One for the connection while it hands the channel out, one per running call; closed at zero.
    private int _users = 1;
    private int _closed;

    public EndPoint EndPoint { get; } = endPoint;

    public CallInvoker Invoker { get; } = invoker;

    /// <summary>False once the node answered that it has no BatchAppend (servers before 21.10): appends then use Append.</summary>
    public bool SupportsBatchAppend { get; set; } = true;

    public bool IsClosed => Volatile.Read(ref _closed) == 1;

    /// <summary>Takes a lease for one call; false when the channel has already closed (its last user left after it was dropped).</summary>
    public bool TryAcquire()
    {
        while (true)
        {
            int users = Volatile.Read(ref _users);
            if (users == 0)
            {
                return false;
            }

            if (Interlocked.CompareExchange(ref _users, users + 1, users) == users)
            {
                return true;
            }
        }
    }

    /// <summary>Ends a lease (or, from the connection, its own hold); the last one closes the channel.</summary>
    public void Release()
    {
        if (Interlocked.Decrement(ref _users) == 0)
        {
            Close();
        }
    }

    /// <summary>The node's batch append call, opened (again, after a failure) when needed.</summary>
    public BatchAppender BatchAppender(CallOptions options)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(IsClosed, this);
            if (_batch is null || _batch.IsBroken)
            {
                _batch?.Dispose();
                _batch = new BatchAppender(Invoker, options);
            }

            return _batch;
        }
    }

    /// <summary>Closes the channel now, under any call still running (the store is being disposed, or the channel was never handed out).</summary>
    public void Dispose() => Close();

    private void Close()
    {
        if (Interlocked.Exchange(ref _closed, 1) == 1)
        {
            return;
        }

        lock (_gate)
        {
            _batch?.Dispose();
            _batch = null;
        }

        owner?.Dispose();
    }
}

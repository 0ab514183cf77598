namespace Eventfold;

/// <summary>
/// The positions a pipeline has taken from its subscription and not yet passed, in log order, in a ring of
/// fixed size. Handlers finish in any order; the committable position is the last of the contiguous prefix
/// of finished entries, so a checkpoint never passes an event still in flight. A full ring holds the
/// subscription back: what is read ahead of the handlers is bounded by the ring's size.
/// </summary>
internal sealed class PositionTracker
{
    private readonly Lock _sync = new();
    private readonly GlobalPosition[] _positions;
    private readonly bool[] _done;
    private long _head;
    private long _tail;
    private GlobalPosition? _committable;
    private long _finishedSinceTaken;
    private TaskCompletionSource? _room;
    private TaskCompletionSource? _allFinished;

    public PositionTracker(int size, GlobalPosition? start)
    {
        _positions = new GlobalPosition[size];
        _done = new bool[size];
        _committable = start;
    }

    /// <summary>The last position before which (and at which) everything taken has been handled.</summary>
    public GlobalPosition? Committable
    {
        get
        {
            lock (_sync)
            {
                return _committable;
            }
        }
    }

    /// <summary>Entries taken and not yet passed by the committable prefix.</summary>
    public int Outstanding
    {
        get
        {
            lock (_sync)
            {
                return (int)(_tail - _head);
            }
        }
    }

    /// <summary>Completes when another position can be taken.</summary>
    public Task WaitForRoomAsync(CancellationToken ct)
    {
        lock (_sync)
        {
            if (_tail - _head < _positions.Length)
            {
                return Task.CompletedTask;
            }

            _room ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return _room.Task.WaitAsync(ct);
        }
    }

    /// <summary>Completes when every position taken so far has been passed (nothing is in flight).</summary>
    public Task WhenAllFinishedAsync(CancellationToken ct)
    {
        lock (_sync)
        {
            if (_tail == _head)
            {
                return Task.CompletedTask;
            }

            _allFinished ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return _allFinished.Task.WaitAsync(ct);
        }
    }

    /// <summary>Takes <paramref name="position"/> (the next in log order) as in flight; returns its slot.</summary>
    public int Begin(GlobalPosition position)
    {
        lock (_sync)
        {
            if (_tail - _head >= _positions.Length)
            {
                throw new InvalidOperationException("No room for another position: wait for room first.");
            }

            int slot = (int)(_tail % _positions.Length);
            _positions[slot] = position;
            _done[slot] = false;
            _tail++;
            return slot;
        }
    }

    /// <summary>Marks the entry in <paramref name="slot"/> handled; returns how many were finished since the last <see cref="TakeFinishedCount"/>.</summary>
    public long Complete(int slot)
    {
        TaskCompletionSource? room = null, allFinished = null;
        long finished;
        lock (_sync)
        {
            _done[slot] = true;
            while (_head < _tail && _done[_head % _positions.Length])
            {
                _committable = _positions[_head % _positions.Length];
                _head++;
            }

            if (_room is not null && _tail - _head < _positions.Length)
            {
                room = _room;
                _room = null;
            }

            if (_allFinished is not null && _tail == _head)
            {
                allFinished = _allFinished;
                _allFinished = null;
            }

            finished = ++_finishedSinceTaken;
        }

        room?.TrySetResult();
        allFinished?.TrySetResult();
        return finished;
    }

    /// <summary>A position with nothing to handle (a scan checkpoint): passed once everything before it is.</summary>
    public void Pass(GlobalPosition position) => Complete(Begin(position));

    /// <summary>Reads and resets the count of entries finished since the last call.</summary>
    public long TakeFinishedCount()
    {
        lock (_sync)
        {
            long finished = _finishedSinceTaken;
            _finishedSinceTaken = 0;
            return finished;
        }
    }
}

namespace Eventfold;

/// <summary>
/// Where a dispatcher's idle workers wait, so that a message arriving on an empty queue wakes one worker, not
/// all of them. One idle worker at a time waits on the queue itself; the others sit here. The worker the queue
/// wakes calls the next one up as it leaves the queue, so while any worker is idle one waits on the queue: a
/// message never waits for a worker that could take it, and the producer that writes it wakes one thread. The
/// wake-ups that follow a burst run on the workers, off the producer's path.
/// </summary>
/// <remarks>
/// A channel wakes every reader waiting on it when a message arrives; with several workers that is a wake-up
/// each, paid by the producer inside its write, and all but one find the queue empty again.
/// </remarks>
internal sealed class WorkerBench
{
    private readonly Lock _gate = new();
    private readonly Stack<BenchSeat> _seated = new(); // the last to sit is called first: its caches are the warmest
    private int _queueWaiter; // 1 while a worker waits on the queue, or has just been woken from it
    private int _seatedCount;

    /// <summary>True when the caller is now the one worker waiting on the queue; false: it sits on the bench.</summary>
    public bool TryWaitOnQueue() => Interlocked.CompareExchange(ref _queueWaiter, 1, 0) == 0;

    /// <summary>The queue's waiter was woken (or is leaving): the next seated worker takes its place.</summary>
    public void LeftQueue()
    {
        Interlocked.Exchange(ref _queueWaiter, 0);
        WakeOne();
    }

    /// <summary>Sits until called up: by the queue's waiter leaving the queue, by a worker leaving, or by a stop or retirement.</summary>
    public ValueTask SitAsync(BenchSeat seat)
    {
        lock (_gate)
        {
            seat.Reset();
            _seated.Push(seat);
            Interlocked.Exchange(ref _seatedCount, _seated.Count);
        }

        // The queue's waiter may have left between this worker's failed TryWaitOnQueue and its sitting down, and
        // found nobody to call: then nobody waits on the queue, so call one up (this one, as it sat last).
        if (Volatile.Read(ref _queueWaiter) == 0)
        {
            WakeOne();
        }

        return seat.WaitAsync();
    }

    /// <summary>Calls up the last worker to sit, if any.</summary>
    public void WakeOne()
    {
        if (Volatile.Read(ref _seatedCount) == 0)
        {
            return;
        }

        BenchSeat? seat;
        lock (_gate)
        {
            if (!_seated.TryPop(out seat))
            {
                return;
            }

            _seatedCount = _seated.Count;
        }

        seat.Wake();
    }

    /// <summary>Calls up every seated worker: a worker was retired or the dispatcher is stopping, and each must look.</summary>
    public void WakeAll()
    {
        BenchSeat[] seats;
        lock (_gate)
        {
            seats = [.. _seated];
            _seated.Clear();
            _seatedCount = 0;
        }

        foreach (var seat in seats)
        {
            seat.Wake();
        }
    }
}

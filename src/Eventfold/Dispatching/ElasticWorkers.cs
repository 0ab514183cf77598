namespace Eventfold;

/// <summary>
/// Resizes a dispatcher's workers from samples of its depth on the dispatcher's clock: one more worker once
/// the queue has stayed deep for <see cref="ElasticWorkerOptions.GrowAfter"/>, one fewer once it has stayed
/// empty with a worker idle for <see cref="ElasticWorkerOptions.ShrinkAfter"/>. Each change restarts both
/// intervals, and deep and empty never overlap, so the count moves one step at a time and does not flap.
/// </summary>
internal sealed class ElasticWorkers : IDisposable
{
    private readonly IElasticTarget _target;
    private readonly ElasticWorkerOptions _options;
    private readonly TimeProvider _clock;
    private readonly int _growAtDepth;
    private readonly ITimer _timer;
    private long? _deepSince;
    private long? _idleSince;
    private int _sampling;

    public ElasticWorkers(IElasticTarget target, ElasticWorkerOptions options, int capacity, TimeProvider clock)
    {
        _target = target;
        _options = options;
        _clock = clock;
        _growAtDepth = options.GrowAtDepth ?? Math.Max(1, capacity / 2);
        _timer = clock.CreateTimer(static self => ((ElasticWorkers)self!).Sample(), this, options.SampleInterval, options.SampleInterval);
    }

    private void Sample()
    {
        if (Interlocked.Exchange(ref _sampling, 1) == 1)
        {
            return; // a slow sample still running: skip this tick
        }

        try
        {
            long now = _clock.GetTimestamp();
            long depth = _target.Depth;
            var (workers, busy) = _target.WorkerLoad();

            if (depth >= _growAtDepth)
            {
                _idleSince = null;
                _deepSince ??= now;
                if (_clock.GetElapsedTime(_deepSince.Value, now) >= _options.GrowAfter && _target.TryAddWorker())
                {
                    _deepSince = now;
                }
            }
            else
            {
                _deepSince = null;
            }

            if (depth == 0 && busy < workers)
            {
                _idleSince ??= now;
                if (_clock.GetElapsedTime(_idleSince.Value, now) >= _options.ShrinkAfter && _target.TryRetireWorker())
                {
                    _idleSince = now;
                }
            }
            else
            {
                _idleSince = null;
            }
        }
        finally
        {
            Volatile.Write(ref _sampling, 0);
        }
    }

    public void Dispose() => _timer.Dispose();
}

/// <summary>What <see cref="ElasticWorkers"/> reads and resizes.</summary>
internal interface IElasticTarget
{
    long Depth { get; }

    (int Workers, int Busy) WorkerLoad();

    bool TryAddWorker();

    bool TryRetireWorker();
}

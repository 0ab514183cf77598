using System.Threading.Tasks.Sources;

namespace Eventfold;

/// <summary>
/// One worker's place on the <see cref="WorkerBench"/>: a reusable awaitable, so sitting allocates nothing. Each
/// sitting is woken exactly once, by whoever takes the seat off the bench.
/// </summary>
internal sealed class BenchSeat : IValueTaskSource
{
    // Asynchronous continuations: the waker is a worker about to read the queue, or a producer, and must not
    // run the woken worker's loop on its own thread.
    private ManualResetValueTaskSourceCore<bool> _core = new() { RunContinuationsAsynchronously = true };

    public void Reset() => _core.Reset();

    public ValueTask WaitAsync() => new(this, _core.Version);

    public void Wake() => _core.SetResult(true);

    void IValueTaskSource.GetResult(short token) => _core.GetResult(token);

    ValueTaskSourceStatus IValueTaskSource.GetStatus(short token) => _core.GetStatus(token);

    void IValueTaskSource.OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _core.OnCompleted(continuation, state, token, flags);
}

namespace Eventfold.Benchmarks.Dispatching;

public sealed record Notify(int Id);

/// <summary>Counts handled messages and completes a task when a target is reached: the same sink for every contender.</summary>
public sealed class Sink
{
    private int _handled;
    private int _target;
    private TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Expect(int count)
    {
        _handled = 0;
        _target = count;
        _done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        return _done.Task;
    }

    public void Handle(Notify m)
    {
        if (Interlocked.Increment(ref _handled) == _target)
        {
            _done.SetResult();
        }
    }
}

/// <summary>
/// Stands for the generated class of a <c>[BoundedDispatcher]</c> with one <c>Handle</c>: a typed enqueue over
/// the engine and a static switch to the handler, as the generator will emit it.
/// </summary>
public sealed class BenchNotifier : IDispatchTarget<BenchNotifier>, IAsyncDisposable
{
    private readonly DispatcherEngine<BenchNotifier> _engine;
    private readonly Sink _sink;

    public BenchNotifier(Sink sink, int capacity, int workers)
    {
        _sink = sink;
        _engine = new DispatcherEngine<BenchNotifier>(this, new DispatcherOptions { Capacity = capacity, Workers = workers });
    }

    public ValueTask EnqueueAsync(Notify m, CancellationToken ct = default) => _engine.EnqueueAsync(new DispatchEnvelope(m, 0), ct);

    public ValueTask DisposeAsync() => _engine.DisposeAsync();

    public static ValueTask DispatchAsync(BenchNotifier self, in DispatchEnvelope envelope, CancellationToken ct) =>
        envelope.Handler switch
        {
            0 => self.Handle((Notify)envelope.Message, ct),
            _ => throw new InvalidOperationException(),
        };

    private ValueTask Handle(Notify m, CancellationToken ct)
    {
        _sink.Handle(m);
        return default;
    }
}

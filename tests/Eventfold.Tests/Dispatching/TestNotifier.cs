namespace Eventfold.Tests.Dispatching;

public sealed record Ping(int Id, string Key = "");

public sealed record Pong(int Id);

/// <summary>
/// Stands for what the dispatcher generator will emit for a <c>[BoundedDispatcher]</c> class handling
/// <see cref="Ping"/> (index 0) and <see cref="Pong"/> (index 1): typed enqueue methods over the engine and a
/// static switch to the Handle methods. The handlers forward to delegates the tests set.
/// </summary>
public sealed class TestNotifier : IDispatchTarget<TestNotifier>, IBoundedDispatcher
{
    private readonly DispatcherEngine<TestNotifier> _engine;
    private readonly Func<Ping, CancellationToken, ValueTask> _onPing;
    private readonly Func<Pong, CancellationToken, ValueTask> _onPong;

    public TestNotifier(DispatcherOptions options, Func<Ping, CancellationToken, ValueTask>? onPing = null, Func<Pong, CancellationToken, ValueTask>? onPong = null)
    {
        _onPing = onPing ?? ((_, _) => default);
        _onPong = onPong ?? ((_, _) => default);
        _engine = new DispatcherEngine<TestNotifier>(this, options);
    }

    public static DispatcherOrdering ByPingKey { get; } =
        DispatcherOrdering.ByKey((in DispatchEnvelope e) => e.Message is Ping p ? p.Key : "", StringComparer.Ordinal);

    // --- what the generator emits ---
    public ValueTask EnqueueAsync(Ping m, CancellationToken ct = default) => _engine.EnqueueAsync(new DispatchEnvelope(m, 0), ct);

    public ValueTask EnqueueAsync(Pong m, CancellationToken ct = default) => _engine.EnqueueAsync(new DispatchEnvelope(m, 1), ct);

    public bool TryEnqueue(Ping m) => _engine.TryEnqueue(new DispatchEnvelope(m, 0));

    public bool TryEnqueue(Pong m) => _engine.TryEnqueue(new DispatchEnvelope(m, 1));

    public void Start() => _engine.Start();

    public Task<DispatcherStopResult> StopAsync(CancellationToken ct = default) => _engine.StopAsync(ct);

    public ValueTask DisposeAsync() => _engine.DisposeAsync();

    public DispatcherStats Stats => _engine.Stats;

    static ValueTask IDispatchTarget<TestNotifier>.DispatchAsync(TestNotifier self, in DispatchEnvelope envelope, CancellationToken ct) =>
        envelope.Handler switch
        {
            0 => self.Handle((Ping)envelope.Message, ct),
            1 => new ValueTask(self.Handle((Pong)envelope.Message, ct)),
            _ => throw new InvalidOperationException("unknown handler"),
        };

    // --- what the user writes ---
    private ValueTask Handle(Ping m, CancellationToken ct) => _onPing(m, ct);

    private Task Handle(Pong m, CancellationToken ct) => _onPong(m, ct).AsTask();
}

/// <summary>Holds handlers until opened; counts how many are waiting.</summary>
public sealed class Gate
{
    private readonly TaskCompletionSource _open = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _waiting;

    public int Waiting => Volatile.Read(ref _waiting);

    public async ValueTask PassAsync(CancellationToken ct = default)
    {
        Interlocked.Increment(ref _waiting);
        try
        {
            await _open.Task.WaitAsync(ct);
        }
        finally
        {
            Interlocked.Decrement(ref _waiting);
        }
    }

    public void Open() => _open.TrySetResult();
}

public static class Eventually
{
    /// <summary>Polls until <paramref name="condition"/> holds, failing with <paramref name="what"/> after a generous real-time bound.</summary>
    public static async Task True(Func<bool> condition, string what, int timeoutMs = 10_000, Func<string>? detail = null)
    {
        var deadline = DateTime.UtcNow.AddMilliseconds(timeoutMs);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Timed out waiting for: {what} {detail?.Invoke()}");
            }

            await Task.Delay(5);
        }
    }

    public static void Balanced(DispatcherStats s) =>
        Assert.True(
            s.Processed + s.Dropped + s.Rejected + s.Failed + s.Depth + s.InFlight == s.Offered,
            $"accounting off: {s}");
}

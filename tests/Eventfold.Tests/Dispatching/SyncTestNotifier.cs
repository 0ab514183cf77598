namespace Eventfold.Tests.Dispatching;

/// <summary>
/// Stands for what the generator emits for a <c>[BoundedDispatcher]</c> whose only handler returns void: it
/// declares <see cref="IDispatchTarget{TSelf}.HandlesSynchronously"/>, so the engine's plain workers run the
/// synchronous loop and call <see cref="IDispatchTarget{TSelf}.Dispatch"/>. The handler forwards to a delegate.
/// </summary>
public sealed class SyncTestNotifier : IDispatchTarget<SyncTestNotifier>, IBoundedDispatcher
{
    private readonly DispatcherEngine<SyncTestNotifier> _engine;
    private readonly Action<Ping, CancellationToken> _onPing;

    public SyncTestNotifier(DispatcherOptions options, Action<Ping> onPing)
        : this(options, (m, _) => onPing(m))
    {
    }

    public SyncTestNotifier(DispatcherOptions options, Action<Ping, CancellationToken> onPing)
    {
        _onPing = onPing;
        _engine = new DispatcherEngine<SyncTestNotifier>(this, options);
    }

    public static bool HandlesSynchronously => true;

    public ValueTask EnqueueAsync(Ping m, CancellationToken ct = default) => _engine.EnqueueAsync(new DispatchEnvelope(m, 0), ct);

    public bool TryEnqueue(Ping m) => _engine.TryEnqueue(new DispatchEnvelope(m, 0));

    public void Start() => _engine.Start();

    public Task<DispatcherStopResult> StopAsync(CancellationToken ct = default) => _engine.StopAsync(ct);

    public ValueTask DisposeAsync() => _engine.DisposeAsync();

    public DispatcherStats Stats => _engine.Stats;

    public static void Dispatch(SyncTestNotifier self, in DispatchEnvelope envelope, CancellationToken ct) => self._onPing((Ping)envelope.Message, ct);

    static ValueTask IDispatchTarget<SyncTestNotifier>.DispatchAsync(SyncTestNotifier self, in DispatchEnvelope envelope, CancellationToken ct)
    {
        Dispatch(self, envelope, ct);
        return default;
    }
}

namespace Eventfold;

/// <summary>
/// What every <c>[BoundedDispatcher]</c> class implements (the generator writes it over a
/// <see cref="DispatcherEngine{TTarget}"/>), so hosting starts and drains it without knowing its messages.
/// </summary>
public interface IBoundedDispatcher : IAsyncDisposable
{
    /// <summary>Starts the workers; the first enqueue starts them too. Idempotent.</summary>
    void Start();

    /// <summary>Stops intake, drains within the drain timeout (sooner when <paramref name="ct"/> is cancelled), and reports what it could not finish. Idempotent.</summary>
    Task<DispatcherStopResult> StopAsync(CancellationToken ct = default);

    /// <summary>The dispatcher's counters now.</summary>
    DispatcherStats Stats { get; }
}

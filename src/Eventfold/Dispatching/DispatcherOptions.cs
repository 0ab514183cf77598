using Microsoft.Extensions.Logging;

namespace Eventfold;

/// <summary>
/// How a <see cref="DispatcherEngine{TTarget}"/> runs. The generated dispatcher fills the first five from its
/// <see cref="BoundedDispatcherAttribute"/>; the rest are runtime settings with defaults.
/// </summary>
public sealed record DispatcherOptions
{
    /// <summary>How many messages may wait in the queue.</summary>
    public int Capacity { get; set; } = 1024;

    public OverflowPolicy Overflow { get; set; } = OverflowPolicy.Wait;

    /// <summary>Workers started at first, and the fewest kept.</summary>
    public int Workers { get; set; } = 1;

    /// <summary>The most workers while the queue is deep; 0 means <see cref="Workers"/> (no resizing).</summary>
    public int MaxWorkers { get; set; }

    /// <summary>At most this many messages handled per second over all workers; 0 means no limit.</summary>
    public int PerSecond { get; set; }

    /// <summary>Names the dispatcher in logs and metrics; null for the dispatcher's type name.</summary>
    public string? Name { get; set; }

    /// <summary>Messages of one key in order, one at a time (see <see cref="DispatcherOrdering.ByKey{TKey}"/>); null for no ordering.</summary>
    public DispatcherOrdering? Ordering { get; set; }

    /// <summary>
    /// With <see cref="Ordering"/>: the most messages parked behind busy keys; null for <see cref="Capacity"/>.
    /// At the limit, workers stop taking from the queue until a parked message runs, so the queue fills and
    /// the overflow policy applies: Depth stays within Capacity + ParkLimit.
    /// </summary>
    public int? ParkLimit { get; set; }

    public ElasticWorkerOptions Elastic { get; set; } = ElasticWorkerOptions.Default;

    /// <summary>How long stopping waits for the queue to drain before it cancels the handlers.</summary>
    public TimeSpan DrainTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long stopping then waits for cancelled handlers to return.</summary>
    public TimeSpan CancelGrace { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Told of every message dropped, refused, failed or left unfinished. Runs on the thread that caused it: keep it short.</summary>
    public Action<UndeliveredMessage>? OnUndelivered { get; set; }

    /// <summary>Where drops, refusals, failures and unfinished drains are logged; null for none.</summary>
    public ILogger? Logger { get; set; }

    /// <summary>The clock for resizing and drain timeouts; null for the system clock. (Throttling runs on real time.)</summary>
    public TimeProvider? TimeProvider { get; set; }

    internal int EffectiveMaxWorkers => MaxWorkers == 0 ? Workers : MaxWorkers;

    internal void Validate(string name)
    {
        if (Capacity < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(Capacity), Capacity, $"Dispatcher '{name}': Capacity must be at least 1.");
        }

        if (Workers < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(Workers), Workers, $"Dispatcher '{name}': Workers must be at least 1.");
        }

        if (MaxWorkers != 0 && MaxWorkers < Workers)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxWorkers), MaxWorkers, $"Dispatcher '{name}': MaxWorkers ({MaxWorkers}) is below Workers ({Workers}).");
        }

        if (PerSecond < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(PerSecond), PerSecond, $"Dispatcher '{name}': PerSecond must be positive, or 0 for no limit.");
        }

        if (ParkLimit is < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(ParkLimit), ParkLimit, $"Dispatcher '{name}': ParkLimit must be at least 1.");
        }

        if (!Enum.IsDefined(Overflow))
        {
            throw new ArgumentOutOfRangeException(nameof(Overflow), Overflow, $"Dispatcher '{name}': unknown overflow policy.");
        }

        if (Elastic.SampleInterval <= TimeSpan.Zero || Elastic.GrowAfter < TimeSpan.Zero || Elastic.ShrinkAfter < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(Elastic), Elastic, $"Dispatcher '{name}': elastic intervals must be positive.");
        }
    }
}

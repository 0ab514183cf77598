namespace Eventfold;

/// <summary>
/// When a dispatcher adds or retires workers between <see cref="DispatcherOptions.Workers"/> and
/// <see cref="DispatcherOptions.MaxWorkers"/>. The two conditions cannot hold at once (deep against empty)
/// and each must hold for a whole interval, counted again after every change, so the count does not flap.
/// </summary>
public sealed record ElasticWorkerOptions
{
    public static ElasticWorkerOptions Default { get; } = new();

    /// <summary>How often the queue's depth is sampled.</summary>
    public TimeSpan SampleInterval { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>A worker is added once the queue has stayed at least <see cref="GrowAtDepth"/> deep this long.</summary>
    public TimeSpan GrowAfter { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>A worker is retired once the queue has stayed empty, with a worker idle, this long.</summary>
    public TimeSpan ShrinkAfter { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The depth counted as deep; null for half the capacity (at least 1).</summary>
    public int? GrowAtDepth { get; init; }
}

using Microsoft.Extensions.Logging;

namespace Eventfold;

/// <summary>How a <see cref="ProjectionRunner{T}"/> retries, parks and checkpoints.</summary>
public sealed partial record ProjectionRunnerOptions
{
    /// <summary>Attempts after the first before an event counts as failed.</summary>
    public int Retries { get; set; } = 3;

    /// <summary>The wait before the first retry; it doubles for each further one.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(20);

    public ProjectionFailureMode OnFailure { get; set; } = ProjectionFailureMode.Park;

    /// <summary>Where parked events are kept. Required, except over an <see cref="InMemoryEventStore"/> (then they are kept in memory) or a store that is itself an <see cref="IParkedEventStore"/>.</summary>
    public IParkedEventStore? ParkedEvents { get; set; }

    /// <summary>
    /// Where the checkpoint is kept; null for the store. A read model that commits its changes and the checkpoint
    /// together (such as <c>SqliteReadModel</c>) is given here, so the runner resumes from the read model's own.
    /// </summary>
    public ICheckpointStore? Checkpoints { get; set; }

    /// <summary>
    /// Streams handled at once (events of one stream always in order); 1 handles the log strictly in order. Null, the
    /// default, takes what the projection declares (<c>[Projection(..., ParallelStreams = n)]</c>, else 1).
    /// </summary>
    public int? ParallelStreams { get; set; }

    /// <summary>How long stopping waits for events already read to be handled; then their handlers are cancelled and the next run handles them again.</summary>
    public TimeSpan DrainTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Events read ahead of the handler.</summary>
    public int Capacity { get; set; } = 256;

    /// <summary>A checkpoint is stored once this many events were handled since the last one...</summary>
    public int CheckpointEveryEvents { get; set; } = 100;

    /// <summary>...or this long after the last one, whichever comes first.</summary>
    public TimeSpan CheckpointInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Handled events past the stored checkpoint beyond which the projection's health check reports
    /// Degraded. Keep it well above <see cref="CheckpointEveryEvents"/>: the checkpoint trails the handler by up to that many.
    /// </summary>
    public long HealthyEventsBehind { get; set; } = 1000;

    /// <summary>How often the lag gauges (<c>eventfold.projection.lag.events</c>, <c>.seconds</c>) are measured while the runner runs; also once when it returns.</summary>
    public TimeSpan LagInterval { get; set; } = TimeSpan.FromSeconds(1);

    public ILogger? Logger { get; set; }

    public TimeProvider? TimeProvider { get; set; }
}

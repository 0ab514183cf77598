using Microsoft.Extensions.Logging;

namespace Eventfold;

/// <summary>How a <see cref="SagaRunner{TSaga, TData}"/> reads the triggering events and checkpoints.</summary>
public sealed record SagaRunnerOptions
{
    /// <summary>Where the runner's checkpoint (<c>saga-runner:{name}</c>) is kept; null for the store.</summary>
    public ICheckpointStore? Checkpoints { get; set; }

    /// <summary>
    /// Sagas run at once. Each triggering event's saga runs to its end before its position can be
    /// checkpointed, so this also bounds how many sagas are in flight; triggers of one stream run in order.
    /// </summary>
    public int ParallelSagas { get; set; } = 4;

    /// <summary>Triggering events read ahead of the running sagas.</summary>
    public int Capacity { get; set; } = 64;

    /// <summary>A checkpoint is stored once this many triggers were handled since the last one...</summary>
    public int CheckpointEveryEvents { get; set; } = 100;

    /// <summary>...or this long after the last one, whichever comes first.</summary>
    public TimeSpan CheckpointInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long stopping waits for running sagas before cancelling them (they resume on the next start).</summary>
    public TimeSpan DrainTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Where the triggering event's name is looked up; null for <see cref="EventRegistry.Default"/>.</summary>
    public EventRegistry? Registry { get; set; }

    public ILogger? Logger { get; set; }

    public TimeProvider? TimeProvider { get; set; }
}

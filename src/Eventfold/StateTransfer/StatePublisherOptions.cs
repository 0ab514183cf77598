using Microsoft.Extensions.Logging;

namespace Eventfold;

/// <summary>How a <see cref="StatePublisher{T}"/> reads the aggregate streams and checkpoints.</summary>
public sealed record StatePublisherOptions
{
    /// <summary>Where the publisher's checkpoint (<c>state-publisher:{category}</c>) is kept; null for the store.</summary>
    public ICheckpointStore? Checkpoints { get; set; }

    /// <summary>Aggregates published at once (events of one aggregate always in order).</summary>
    public int ParallelStreams { get; set; } = 1;

    /// <summary>Events read ahead of the publisher.</summary>
    public int Capacity { get; set; } = 256;

    /// <summary>A checkpoint is stored once this many events were handled since the last one...</summary>
    public int CheckpointEveryEvents { get; set; } = 100;

    /// <summary>...or this long after the last one, whichever comes first.</summary>
    public TimeSpan CheckpointInterval { get; set; } = TimeSpan.FromSeconds(1);

    public ILogger? Logger { get; set; }

    public TimeProvider? TimeProvider { get; set; }
}

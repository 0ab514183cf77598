using Microsoft.Extensions.Logging;

namespace Eventfold;

/// <summary>How a <see cref="StateReplica{T}"/> keeps its copy and reads the log.</summary>
public sealed record StateReplicaOptions
{
    /// <summary>
    /// Where the copy and the checkpoint are kept; null keeps them in memory only, so every new replica
    /// reads the state streams from the start.
    /// </summary>
    public IStateReplicaStorage? Storage { get; set; }

    /// <summary>Events read ahead of the replica.</summary>
    public int Capacity { get; set; } = 256;

    /// <summary>A checkpoint is stored once this many events were handled since the last one...</summary>
    public int CheckpointEveryEvents { get; set; } = 100;

    /// <summary>...or this long after the last one, whichever comes first.</summary>
    public TimeSpan CheckpointInterval { get; set; } = TimeSpan.FromSeconds(1);

    public ILogger? Logger { get; set; }

    public TimeProvider? TimeProvider { get; set; }
}

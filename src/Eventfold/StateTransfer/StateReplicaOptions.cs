using System.Text.Json;
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

    /// <summary>
    /// How a published state is mapped onto the replica and the copy stored: web defaults (camelCase) with
    /// reflection-based metadata when null. A trimmed or Native AOT application passes its context's options
    /// (<c>AppJsonContext.Default.Options</c>, listing the replica; the published state's JSON is generated): there reflection is
    /// off and the replica refuses to start without them.
    /// </summary>
    public JsonSerializerOptions? Json { get; set; }

    public ILogger? Logger { get; set; }

    public TimeProvider? TimeProvider { get; set; }
}

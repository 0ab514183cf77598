using Microsoft.Extensions.Logging;

namespace Eventfold;

/// <summary>How a <see cref="SubscriptionPipeline"/> reads, handles and checkpoints.</summary>
public sealed record SubscriptionPipelineOptions
{
    /// <summary>Events queued for the handlers; with <see cref="Workers"/>, bounds what is read ahead of them (Capacity + Workers).</summary>
    public int Capacity { get; init; } = 256;

    /// <summary>Handlers running at once: events of one partition (by default, one stream) stay in order.</summary>
    public int Workers { get; init; } = 1;

    /// <summary>The key events are ordered by; null for the stream. Events of other keys run in parallel.</summary>
    public Func<string, string>? PartitionOfStream { get; init; }

    /// <summary>A checkpoint is stored once this many events have been handled since the last one...</summary>
    public int CheckpointEveryEvents { get; init; } = 100;

    /// <summary>...or this long after the last one, whichever comes first (only when it moved).</summary>
    public TimeSpan CheckpointInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The subscription's filter and options.</summary>
    public SubscriptionOptions? Subscription { get; init; }

    /// <summary>
    /// How long stopping (cancelled, or after a failure) waits for queued events to be handled before it cancels their
    /// handlers and gives them up: they are not failures, the checkpoint stays before them and the next run reads them
    /// again. A catch-up that reaches the end of the log is not stopping: it waits for every event it took.
    /// </summary>
    public TimeSpan DrainTimeout { get; init; } = TimeSpan.FromSeconds(30);

    public ILogger? Logger { get; init; }

    public TimeProvider? TimeProvider { get; init; }

    internal void Validate()
    {
        if (Capacity < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(Capacity), Capacity, "Capacity must be at least 1.");
        }

        if (Workers < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(Workers), Workers, "Workers must be at least 1.");
        }

        if (CheckpointEveryEvents < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(CheckpointEveryEvents), CheckpointEveryEvents, "CheckpointEveryEvents must be at least 1.");
        }

        if (CheckpointInterval <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(CheckpointInterval), CheckpointInterval, "CheckpointInterval must be positive.");
        }
    }
}

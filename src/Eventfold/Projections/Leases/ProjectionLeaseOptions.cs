namespace Eventfold;

/// <summary>
/// How a <see cref="ProjectionRunner{T}"/> shares its projection with runners in other processes: it holds a
/// lease while it handles events, renews it in the background, and stops handling at once when it loses it;
/// the others wait and take over when the holder releases it (a graceful stop) or it expires (a crash).
/// The lease is kept where the checkpoint is (<see cref="ProjectionRunnerOptions.Checkpoints"/>, else the store),
/// which is therefore an <see cref="IProjectionLeaseStore"/>: the fenced checkpoint write needs both in one place.
/// </summary>
public sealed record ProjectionLeaseOptions
{
    /// <summary>This runner's name in the lease; unique per runner (machine, process and a random part by default).</summary>
    public string Owner { get; init; } = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";

    /// <summary>How long a lease lasts without renewal: after a crash, the others take over this long after the last renewal.</summary>
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>How often the holder renews; null for a third of <see cref="Duration"/>, so two renewals may fail before it expires.</summary>
    public TimeSpan? RenewEvery { get; init; }

    /// <summary>How often a waiting runner tries to take the lease.</summary>
    public TimeSpan RetryEvery { get; init; } = TimeSpan.FromSeconds(1);

    internal TimeSpan RenewInterval => RenewEvery ?? Duration / 3;

    internal void Validate()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(Owner, nameof(Owner));
        if (Duration <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(Duration), Duration, "The lease duration must be positive.");
        }

        if (RenewInterval <= TimeSpan.Zero || RenewInterval >= Duration)
        {
            throw new ArgumentOutOfRangeException(nameof(RenewEvery), RenewInterval, "Renewals must come more often than the lease's duration.");
        }

        if (RetryEvery <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(RetryEvery), RetryEvery, "RetryEvery must be positive.");
        }
    }
}

namespace Eventfold;

/// <summary>The argument checks every <see cref="IProjectionLeaseStore"/> makes alike.</summary>
public static class LeaseArguments
{
    public static void Check(string projection, string owner, TimeSpan duration)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(projection);
        ArgumentException.ThrowIfNullOrWhiteSpace(owner);
        if (duration <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(duration), duration, "A lease's duration must be positive.");
        }
    }
}

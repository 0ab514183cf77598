namespace Eventfold;

/// <summary>
/// Where the lease of a projection is kept, so that of several runners of one projection (instances of a
/// service) only one applies events. A lease names its owner, an expiry and a fencing token that grows by one
/// with every acquisition; a checkpoint written through <see cref="TrySetCheckpointAsync"/> is stored only while
/// the token is still the current one, in the same atomic step, so a holder that was paused past its expiry
/// cannot overwrite the checkpoint of the runner that took over. Expiry is judged on the store's clock
/// (<see cref="EventStoreOptions.TimeProvider"/>): hosts sharing a server need synchronized clocks.
/// Every store implements it; a read model that keeps its own checkpoints (such as <c>SqliteReadModel</c>) does too.
/// </summary>
public interface IProjectionLeaseStore
{
    /// <summary>
    /// Takes the lease of <paramref name="projection"/> for <paramref name="owner"/> when it is free (never taken,
    /// released, expired, or held by <paramref name="owner"/> itself), with a token one above the last one.
    /// </summary>
    /// <returns>The new lease, or null when another owner holds an unexpired one.</returns>
    Task<ProjectionLease?> TryAcquireLeaseAsync(string projection, string owner, TimeSpan duration, CancellationToken ct = default);

    /// <summary>Extends <paramref name="lease"/> to <paramref name="duration"/> from now, if its token is still current (even past its expiry, when nobody took it over).</summary>
    /// <returns>The extended lease, or null when the lease was taken over or released.</returns>
    Task<ProjectionLease?> RenewLeaseAsync(ProjectionLease lease, TimeSpan duration, CancellationToken ct = default);

    /// <summary>Gives the lease up, so a waiting runner takes over at once; nothing happens when it is no longer current.</summary>
    Task ReleaseLeaseAsync(ProjectionLease lease, CancellationToken ct = default);

    /// <summary>The lease as kept now (possibly expired), or null when none was taken or the last was released.</summary>
    Task<ProjectionLease?> GetLeaseAsync(string projection, CancellationToken ct = default);

    /// <summary>
    /// Saves <paramref name="position"/> as <paramref name="consumer"/>'s checkpoint (never backwards) only if
    /// <paramref name="lease"/> is still current: the check and the write are one atomic step.
    /// </summary>
    /// <returns>False, with nothing written, when the lease was taken over or released.</returns>
    Task<bool> TrySetCheckpointAsync(ProjectionLease lease, string consumer, GlobalPosition position, CancellationToken ct = default);
}

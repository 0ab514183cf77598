namespace Eventfold;

/// <summary>
/// The checkpoints a leased runner's pipeline writes: every write goes through the lease store's fenced
/// <see cref="IProjectionLeaseStore.TrySetCheckpointAsync"/> under the lease held now, so a runner that lost its
/// lease (even one paused past its expiry that does not know it yet) writes nothing.
/// </summary>
internal sealed class LeasedCheckpoints(ICheckpointStore checkpoints, IProjectionLeaseStore leases, Func<LeaseKeeper?> holder) : ICheckpointStore
{
    public IProjectionLeaseStore Leases => leases;

    public Task<GlobalPosition?> GetCheckpointAsync(string consumer, CancellationToken ct = default) => checkpoints.GetCheckpointAsync(consumer, ct);

    public async Task SetCheckpointAsync(string consumer, GlobalPosition position, CancellationToken ct = default)
    {
        var keeper = holder() ?? throw new InvalidOperationException($"The checkpoint of '{consumer}' is written only under a lease.");
        keeper.ThrowIfLost();
        if (!await leases.TrySetCheckpointAsync(keeper.Current, consumer, position, ct).ConfigureAwait(false))
        {
            keeper.Lose("another runner took it over (a checkpoint write was refused)");
            keeper.ThrowIfLost();
        }
    }

    public Task DeleteCheckpointAsync(string consumer, CancellationToken ct = default) => checkpoints.DeleteCheckpointAsync(consumer, ct);
}

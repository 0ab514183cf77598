namespace Eventfold;

/// <summary>
/// Where a consumer of the global log (a projection, a state replica, a saga runner) remembers how far
/// it has handled events. Every store keeps checkpoints beside its events, so consumers run unchanged on
/// any store. Checkpoints are not events: they never appear in the global log.
/// </summary>
public interface ICheckpointStore
{
    /// <summary>The position <paramref name="consumer"/> last saved, or null when it has none.</summary>
    Task<GlobalPosition?> GetCheckpointAsync(string consumer, CancellationToken ct = default);

    /// <summary>Saves <paramref name="position"/> as <paramref name="consumer"/>'s checkpoint, replacing any earlier one.</summary>
    Task SetCheckpointAsync(string consumer, GlobalPosition position, CancellationToken ct = default);

    /// <summary>Forgets <paramref name="consumer"/>'s checkpoint, so it starts again from the beginning (a rebuild).</summary>
    Task DeleteCheckpointAsync(string consumer, CancellationToken ct = default);
}

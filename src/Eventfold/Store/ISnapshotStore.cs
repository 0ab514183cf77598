namespace Eventfold;

/// <summary>
/// Keeps the latest snapshot of a stream beside the store's events. Snapshots are a cache: losing one
/// costs a longer replay, never data. They never appear in the global log.
/// </summary>
public interface ISnapshotStore
{
    /// <summary>The latest snapshot of <paramref name="stream"/>, or null when it has none.</summary>
    Task<Snapshot?> GetSnapshotAsync(string stream, CancellationToken ct = default);

    /// <summary>
    /// Keeps <paramref name="snapshot"/> as its stream's latest, unless a snapshot at a later version is
    /// already kept (a slow writer never moves a snapshot back).
    /// </summary>
    Task SetSnapshotAsync(Snapshot snapshot, CancellationToken ct = default);

    /// <summary>
    /// Forgets the snapshot of <paramref name="stream"/>, if it has one: the next load replays every event,
    /// and the next snapshot written is kept whatever its version. Every Eventfold store implements it.
    /// </summary>
    Task DeleteSnapshotAsync(string stream, CancellationToken ct = default) =>
        throw new NotSupportedException($"{GetType().Name} cannot delete snapshots.");
}

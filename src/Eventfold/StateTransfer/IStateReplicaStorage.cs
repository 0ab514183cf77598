namespace Eventfold;

/// <summary>
/// Where a durable <see cref="StateReplica{T}"/> keeps its copy and its checkpoint, in the consumer's own
/// storage (such as <c>SqliteStateReplicaStorage</c>), so a restart resumes without re-reading the log.
/// </summary>
public interface IStateReplicaStorage : ICheckpointStore
{
    /// <summary>Every state kept for <paramref name="replica"/>.</summary>
    Task<IReadOnlyList<StoredReplicaState>> LoadAsync(string replica, CancellationToken ct = default);

    /// <summary>Keeps <paramref name="state"/> unless a state of the same id and a version at or above it is kept already.</summary>
    Task SaveAsync(string replica, StoredReplicaState state, CancellationToken ct = default);

    /// <summary>Forgets every state of <paramref name="replica"/> (a rebuild).</summary>
    Task ClearAsync(string replica, CancellationToken ct = default);
}

/// <summary>One replicated state as stored: its id, its aggregate version and the replica record as JSON.</summary>
public sealed record StoredReplicaState(string Id, long Version, ReadOnlyMemory<byte> Json);

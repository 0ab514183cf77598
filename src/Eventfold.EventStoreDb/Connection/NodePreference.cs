namespace Eventfold.EventStoreDb;

/// <summary>Which cluster member the store talks to once gossip has described the cluster.</summary>
public enum NodePreference
{
    /// <summary>The leader: every read sees every acknowledged write.</summary>
    Leader,

    /// <summary>A follower, to spread read load; appends still need the leader and are redirected.</summary>
    Follower,

    /// <summary>Any live member.</summary>
    Random,

    /// <summary>A read-only replica, when the cluster has one.</summary>
    ReadOnlyReplica,
}

using Eventfold.EventStoreDb.Protocol.Gossip;
using State = Eventfold.EventStoreDb.Protocol.Gossip.MemberInfo.Types.VNodeState;

namespace Eventfold.EventStoreDb;

/// <summary>Picks the member to talk to from a gossip answer, by node preference.</summary>
internal static class NodeSelector
{
    private static readonly State[] Usable =
        [State.Leader, State.Follower, State.ReadOnlyReplica, State.PreReadOnlyReplica, State.ReadOnlyLeaderless];

    /// <summary>The chosen member's address, or null when no live member can serve.</summary>
    public static EndPoint? Select(ClusterInfo cluster, NodePreference preference, Random random)
    {
        var candidates = cluster.Members
            .Where(m => m.IsAlive && Usable.Contains(m.State) && m.HttpEndPoint is not null)
            .ToArray();
        if (candidates.Length == 0)
        {
            return null;
        }

        random.Shuffle(candidates);
        var ordered = candidates.OrderBy(m => Rank(m.State, preference));
        var chosen = ordered.First();
        return new EndPoint(chosen.HttpEndPoint.Address, (int)chosen.HttpEndPoint.Port);
    }

    // Lower ranks first; members of equal rank stay in their shuffled order.
    private static int Rank(State state, NodePreference preference) => preference switch
    {
        NodePreference.Leader => state == State.Leader ? 0 : state == State.Follower ? 1 : 2,
        NodePreference.Follower => state == State.Follower ? 0 : state == State.Leader ? 1 : 2,
        NodePreference.ReadOnlyReplica => state is State.ReadOnlyReplica or State.PreReadOnlyReplica or State.ReadOnlyLeaderless ? 0 : state == State.Leader ? 1 : 2,
        _ => 0,
    };
}

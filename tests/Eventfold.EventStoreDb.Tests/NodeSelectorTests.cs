using Eventfold.EventStoreDb.Protocol.Gossip;
using State = Eventfold.EventStoreDb.Protocol.Gossip.MemberInfo.Types.VNodeState;

namespace Eventfold.EventStoreDb.Tests;

public class NodeSelectorTests
{
    internal static ClusterInfo Cluster(params (string Host, State State, bool Alive)[] members)
    {
        var cluster = new ClusterInfo();
        foreach (var (host, state, alive) in members)
        {
            cluster.Members.Add(new MemberInfo { State = state, IsAlive = alive, HttpEndPoint = new Protocol.Gossip.EndPoint { Address = host, Port = 2113 } });
        }

        return cluster;
    }

    private static readonly ClusterInfo ThreeNodes = Cluster(("a", State.Follower, true), ("b", State.Leader, true), ("c", State.Follower, true));

    [Fact]
    public void Leader_preference_picks_the_leader()
    {
        for (int seed = 0; seed < 20; seed++)
        {
            Assert.Equal(new EndPoint("b", 2113), NodeSelector.Select(ThreeNodes, NodePreference.Leader, new Random(seed)));
        }
    }

    [Fact]
    public void Follower_preference_picks_a_follower()
    {
        var picked = Enumerable.Range(0, 40).Select(seed => NodeSelector.Select(ThreeNodes, NodePreference.Follower, new Random(seed))!.Host).ToHashSet();

        Assert.Equal(["a", "c"], picked.Order());
    }

    [Fact]
    public void Random_preference_spreads_over_all_live_members()
    {
        var picked = Enumerable.Range(0, 60).Select(seed => NodeSelector.Select(ThreeNodes, NodePreference.Random, new Random(seed))!.Host).ToHashSet();

        Assert.Equal(["a", "b", "c"], picked.Order());
    }

    [Fact]
    public void Dead_members_and_members_that_cannot_serve_are_never_picked()
    {
        var cluster = Cluster(("a", State.Leader, false), ("b", State.CatchingUp, true), ("c", State.Follower, true));

        Assert.Equal(new EndPoint("c", 2113), NodeSelector.Select(cluster, NodePreference.Leader, new Random(1)));
        Assert.Null(NodeSelector.Select(Cluster(("a", State.Leader, false), ("b", State.Shutdown, true)), NodePreference.Leader, new Random(1)));
    }
}

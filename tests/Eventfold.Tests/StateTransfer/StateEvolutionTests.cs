namespace Eventfold.Tests.StateTransfer;

/// <summary>The state event is versioned like any event: older states are upcast, and an older replica keeps reading newer ones.</summary>
public sealed class StateEvolutionTests
{
    [Fact]
    public void The_generated_state_is_registered_at_the_version_PublishesState_names()
    {
        Assert.True(EventRegistry.Default.TryGetByType(typeof(MemberState), out var type));
        Assert.Equal(("member.state", 2), (type.Name, type.Version));
        Assert.Equal(2, EventRegistry.Default.LatestVersion("member.state"));
    }

    [Fact]
    public async Task A_version_1_state_written_by_an_older_release_is_read_upcast()
    {
        await using var store = new InMemoryEventStore();
        await store.AppendAsync("member.state-m-1", ExpectedVersion.Any, [EventData.From(RawEvent.FromJson("member.state", 1, """{"id":"m-1","version":4,"fullName":"Grace"}"""))]);
        var replica = new StateReplica<MemberView>(store);

        await replica.CatchUpAsync();

        Assert.Equal(new MemberView("m-1", 4, "Grace", "standard"), replica.Get("m-1"));
    }

    [Fact]
    public async Task A_replica_without_the_new_member_keeps_reading_the_new_version()
    {
        await using var store = new InMemoryEventStore();
        var members = new AggregateRepository<Member>(store);
        var member = members.Create("m-1");
        member.Join("Grace", "gold");
        await members.SaveAsync(member);
        var old = new StateReplica<MemberNameView>(store);
        var current = new StateReplica<MemberView>(store);

        await old.CatchUpAsync();
        await current.CatchUpAsync();

        var stored = Assert.Single(await PublishingTests.ReadStatesAsync(store, "member.state-m-1"));
        Assert.Equal(2, stored.SchemaVersion);
        Assert.Equal(new MemberNameView("m-1", 0, "Grace"), old.Get("m-1"));
        Assert.Equal(new MemberView("m-1", 0, "Grace", "gold"), current.Get("m-1"));
    }
}

namespace Eventfold.EventStoreDb.Tests;

[Event("esdbmember.joined")] public sealed record EsdbMemberJoined(string MemberId, string Name, string Tier);

[Aggregate("esdbmember"), PublishesState(Version = 2)]
public sealed partial class EsdbMember
{
    public string Name { get; private set; } = "";

    public string Tier { get; private set; } = "";

    public void Join(string name, string tier) => Raise(new EsdbMemberJoined(Id, name, tier));

    private void Apply(EsdbMemberJoined e)
    {
        Name = e.Name;
        Tier = e.Tier;
    }
}

/// <summary>The state an older release published, before members had a tier.</summary>
[Event("esdbmember.state", Version = 1)]
public sealed record EsdbMemberStateV1(string Id, long Version, string Name);

public static class EsdbMemberStateUpcasts
{
    [Upcaster] public static EsdbMemberState ToV2(EsdbMemberStateV1 old) => new(old.Id, old.Version, old.Name, "standard");
}

[StateReplica("esdbmember.state")]
public sealed partial record EsdbMemberView(string Id, long Version, string Name, string Tier);

[StateReplica("esdbmember.state")]
public sealed partial record EsdbMemberNameView(string Id, long Version, string Name);

/// <summary>Schema evolution of published state on a real EventStoreDB: a version 1 state read as the generated version 2 record, and a replica of the old shape. Skipped without EVENTFOLD_ESDB.</summary>
public sealed class StateUpcastServerTests
{
    private readonly string _run = Guid.NewGuid().ToString("N")[..8];

    [SkippableFact]
    public async Task A_version_1_state_on_the_server_is_read_as_the_latest_and_an_old_replica_keeps_reading()
    {
        await using var store = new EventStoreDbEventStore(EsdbServer.Require());
        string ada = $"{_run}-ada", grace = $"{_run}-grace";
        await store.AppendAsync($"esdbmember.state-{ada}", ExpectedVersion.NoStream, new object[] { new EsdbMemberStateV1(ada, 0, "Ada") });
        var members = new AggregateRepository<EsdbMember>(store);
        var member = members.Create(grace);
        member.Join("Grace", "gold");
        await members.SaveAsync(member);

        var stored = (await store.ReadStreamAsync($"esdbmember.state-{ada}").ToListAsync()).Single();
        await using var consumer = new EventStoreDbEventStore(EsdbServer.Require());
        var view = new StateReplica<EsdbMemberView>(consumer);
        await view.CatchUpAsync();
        var names = new StateReplica<EsdbMemberNameView>(consumer);
        await names.CatchUpAsync();

        Assert.Equal(("esdbmember.state", 1), (stored.EventName, stored.SchemaVersion));
        Assert.Equal(new EsdbMemberState(ada, 0, "Ada", "standard"), stored.Event);
        Assert.Equal(new EsdbMemberView(ada, 0, "Ada", "standard"), view.Get(ada));
        Assert.Equal(new EsdbMemberView(grace, 0, "Grace", "gold"), view.Get(grace));
        Assert.Equal(new EsdbMemberNameView(ada, 0, "Ada"), names.Get(ada));
        Assert.Equal(new EsdbMemberNameView(grace, 0, "Grace"), names.Get(grace));
    }
}

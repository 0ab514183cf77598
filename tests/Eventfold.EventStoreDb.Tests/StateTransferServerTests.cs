namespace Eventfold.EventStoreDb.Tests;

[Event("esdbcust.registered")] public sealed record EsdbCustomerRegistered(string CustomerId, string Name, string Email);
[Event("esdbcust.renamed")] public sealed record EsdbCustomerRenamed(string CustomerId, string Name);

[Aggregate("esdbcust"), PublishesState]
public sealed partial class EsdbCustomer
{
    public string Name { get; private set; } = "";

    [NotPublished] public string Email { get; private set; } = "";

    public void Register(string name, string email) => Raise(new EsdbCustomerRegistered(Id, name, email));

    public void Rename(string name) => Raise(new EsdbCustomerRenamed(Id, name));

    private void Apply(EsdbCustomerRegistered e)
    {
        Name = e.Name;
        Email = e.Email;
    }

    private void Apply(EsdbCustomerRenamed e) => Name = e.Name;
}

[StateReplica("esdbcust.state")]
public sealed partial record EsdbCustomerView(string Id, long Version, string Name);

/// <summary>Event-carried state transfer on a real EventStoreDB: publish after save, deduplicated repeats, a missed publish filled in, a replica on another connection. Skipped without EVENTFOLD_ESDB.</summary>
public sealed class StateTransferServerTests
{
    private readonly string _run = Guid.NewGuid().ToString("N")[..8];

    [SkippableFact]
    public async Task A_save_publishes_the_state_without_its_private_member_and_a_replica_elsewhere_keeps_the_newest()
    {
        await using var store = new EventStoreDbEventStore(EsdbServer.Require());
        var customers = new AggregateRepository<EsdbCustomer>(store);
        var customer = customers.Create($"{_run}-1");
        customer.Register("Ada", "ada@example.com");
        await customers.SaveAsync(customer);
        customer.Rename("Ada Lovelace");
        await customers.SaveAsync(customer);

        var published = await store.ReadStreamAsync($"esdbcust.state-{_run}-1").ToListAsync();
        // A publisher catching up over the same saves appends the same event ids: the server keeps one of each.
        await new StatePublisher<EsdbCustomer>(store).CatchUpAsync();
        var afterCatchUp = await store.ReadStreamAsync($"esdbcust.state-{_run}-1").ToListAsync();

        await using var consumer = new EventStoreDbEventStore(EsdbServer.Require());
        var replica = new StateReplica<EsdbCustomerView>(consumer);
        await replica.CatchUpAsync();

        Assert.Equal([("Ada", 0L), ("Ada Lovelace", 1L)], published.Select(e => (((EsdbCustomerState)e.Event).Name, ((EsdbCustomerState)e.Event).Version)));
        Assert.Equal(published.Select(e => e.EventId), afterCatchUp.Select(e => e.EventId));
        Assert.Null(typeof(EsdbCustomerState).GetProperty("Email"));
        Assert.Equal(new EsdbCustomerView($"{_run}-1", 1, "Ada Lovelace"), replica.Get($"{_run}-1"));
    }

    [SkippableFact]
    public async Task A_state_a_crash_kept_from_being_published_is_published_by_the_publisher()
    {
        await using var store = new EventStoreDbEventStore(EsdbServer.Require());
        // The aggregate's events as a save wrote them before the process died, with no state published.
        string id = $"{_run}-2";
        await store.AppendAsync($"esdbcust-{id}", ExpectedVersion.NoStream, new object[] { new EsdbCustomerRegistered(id, "Grace", "grace@example.com"), new EsdbCustomerRenamed(id, "Grace Hopper") });
        Assert.Equal(-1, await store.GetStreamVersionAsync($"esdbcust.state-{id}"));

        await new StatePublisher<EsdbCustomer>(store).CatchUpAsync();

        var state = (EsdbCustomerState)(await store.ReadStreamAsync($"esdbcust.state-{id}").ToListAsync())[^1].Event;
        Assert.Equal((id, 1L, "Grace Hopper"), (state.Id, state.Version, state.Name));
    }
}

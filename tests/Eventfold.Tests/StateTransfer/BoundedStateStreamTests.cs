namespace Eventfold.Tests.StateTransfer;

/// <summary>State streams keep only their newest states; replicas and the publisher work on what is left.</summary>
public sealed class BoundedStateStreamTests
{
    [Fact]
    public async Task A_state_stream_keeps_only_its_newest_states_while_saves_go_on()
    {
        await using var store = new InMemoryEventStore();
        var customers = new AggregateRepository<Customer>(store);
        var customer = customers.Create("c-1");
        customer.Register("Ada", "ada@example.com");
        await customers.SaveAsync(customer);
        for (int i = 1; i < 20; i++)
        {
            customer.Rename("Ada " + i);
            await customers.SaveAsync(customer);
        }

        var states = await store.ReadStreamAsync("customer.state-c-1").Select(e => (CustomerState)e.Event).ToListAsync();

        Assert.Equal(Enumerable.Range(12, 8).Select(v => (long)v), states.Select(s => s.Version));
        Assert.Equal("Ada 19", states[^1].Name);
        Assert.Equal(19, await store.GetStreamVersionAsync("customer.state-c-1"));
        Assert.Equal(19, await store.GetStreamVersionAsync("customer-c-1"));
    }

    [Fact]
    public async Task A_new_replica_and_one_whose_checkpoint_lies_before_dropped_states_both_end_at_the_newest()
    {
        await using var store = new InMemoryEventStore();
        var customers = new AggregateRepository<Customer>(store);
        var customer = customers.Create("c-1");
        customer.Register("Ada", "ada@example.com");
        await customers.SaveAsync(customer);
        var early = new StateReplica<CustomerView>(store);
        await early.CatchUpAsync();
        for (int i = 1; i < 30; i++)
        {
            customer.Rename("Ada " + i);
            await customers.SaveAsync(customer);
        }

        var fresh = new StateReplica<CustomerView>(store);
        var changes = new List<StateReplicaChange<CustomerView>>();
        fresh.Changed += (_, c) => changes.Add(c);
        await fresh.CatchUpAsync();
        await early.CatchUpAsync();

        Assert.Equal(new CustomerView("c-1", 29, "Ada 29"), fresh.Get("c-1"));
        Assert.Equal(new CustomerView("c-1", 29, "Ada 29"), early.Get("c-1"));
        // The fresh replica read only what the stream kept, not all thirty states.
        Assert.Equal(StateStreams.KeptStates, changes.Count);
    }

    [Fact]
    public async Task The_publisher_works_on_a_bounded_stream_publishing_only_what_is_missing()
    {
        await using var store = new StateTestStore(new InMemoryEventStore());
        var customers = new AggregateRepository<Customer>(store);
        var customer = customers.Create("c-1");
        customer.Register("Ada", "ada@example.com");
        await customers.SaveAsync(customer);
        for (int i = 1; i < 20; i++)
        {
            customer.Rename("Ada " + i);
            await customers.SaveAsync(customer);
        }

        store.FailStatePublishes = true;
        customer.Rename("Ada, missed");
        await customers.SaveAsync(customer);
        store.FailStatePublishes = false;
        int appendsBefore = store.StateAppends;

        // From the start of the log: every aggregate event is seen again, only the missing state is written.
        await new StatePublisher<Customer>(store).CatchUpAsync();

        var last = await store.ReadStreamAsync("customer.state-c-1", StreamReadOptions.Backwards with { MaxCount = 1 }).SingleAsync();
        Assert.Equal(new CustomerState("c-1", 20, "Ada, missed"), last.Event);
        Assert.Equal(20, await store.GetStreamVersionAsync("customer.state-c-1"));
        Assert.Equal(appendsBefore + 1, store.StateAppends);
        Assert.Equal(StateStreams.KeptStates, await store.ReadStreamAsync("customer.state-c-1").CountAsync());
    }
}

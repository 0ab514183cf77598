namespace Eventfold.Tests.StateTransfer;

/// <summary>A replica keeps the newest version per id and never goes back to an older one.</summary>
public sealed class StateReplicaTests
{
    [Fact]
    public async Task Older_and_repeated_versions_delivered_later_are_ignored()
    {
        await using var store = new InMemoryEventStore();
        // Out of order and repeated, as racing publishers and the catch-up can write them.
        await AppendStateAsync(store, new CustomerState("c-1", 3, "third"));
        await AppendStateAsync(store, new CustomerState("c-1", 1, "first"));
        await AppendStateAsync(store, new CustomerState("c-2", 0, "other"));
        await AppendStateAsync(store, new CustomerState("c-1", 3, "third again"));
        await AppendStateAsync(store, new CustomerState("c-1", 2, "second"));
        var replica = new StateReplica<CustomerView>(store);
        var changes = new List<StateReplicaChange<CustomerView>>();
        replica.Changed += (_, change) => changes.Add(change);

        await replica.CatchUpAsync();

        Assert.Equal(new CustomerView("c-1", 3, "third"), replica.Get("c-1"));
        Assert.Equal(new CustomerView("c-2", 0, "other"), replica.Get("c-2"));
        Assert.Null(replica.Get("c-3"));
        Assert.Equal(2, replica.All.Count);
        Assert.Equal([(null, "third"), (null, "other")], changes.Select(c => (c.Previous?.Name, c.Current.Name)));
    }

    [Fact]
    public async Task Newer_versions_replace_the_copy_and_are_notified_with_the_previous_state()
    {
        await using var store = new InMemoryEventStore();
        var customers = new AggregateRepository<Customer>(store);
        var customer = customers.Create("c-1");
        customer.Register("Ada", "ada@example.com");
        await customers.SaveAsync(customer);
        var replica = new StateReplica<CustomerView>(store);
        await replica.CatchUpAsync();
        var changes = new List<StateReplicaChange<CustomerView>>();
        replica.Changed += (_, change) => changes.Add(change);

        customer.Rename("Ada L.");
        await customers.SaveAsync(customer);
        await replica.CatchUpAsync();

        var change = Assert.Single(changes);
        Assert.Equal(new CustomerView("c-1", 0, "Ada"), change.Previous);
        Assert.Equal(new CustomerView("c-1", 1, "Ada L."), change.Current);
        Assert.Equal(change.Current, replica.Get("c-1"));
    }

    [Fact]
    public async Task Running_live_follows_new_saves()
    {
        await using var store = new InMemoryEventStore();
        var customers = new AggregateRepository<Customer>(store);
        var replica = new StateReplica<CustomerView>(store);
        var seen = new TaskCompletionSource<CustomerView>(TaskCreationOptions.RunContinuationsAsynchronously);
        replica.Changed += (_, change) =>
        {
            if (change.Current.Version == 1)
            {
                seen.TrySetResult(change.Current);
            }
        };
        using var cts = new CancellationTokenSource();
        var run = replica.RunAsync(cts.Token);

        var customer = customers.Create("c-1");
        customer.Register("Ada", "ada@example.com");
        customer.Rename("Ada L.");
        await customers.SaveAsync(customer);

        Assert.Equal(new CustomerView("c-1", 1, "Ada L."), await seen.Task.WaitAsync(TimeSpan.FromSeconds(30)));
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
    }

    [Fact]
    public async Task An_unreadable_state_stops_the_replica_with_an_error_naming_it()
    {
        await using var store = new InMemoryEventStore();
        await store.AppendAsync("customer.state-c-1", ExpectedVersion.Any, [EventData.From(RawEvent.FromJson("customer.state", 1, "{\"id\":\"c-1\",\"version\":\"not a number\"}"))]);
        var replica = new StateReplica<CustomerView>(store);

        var error = await Assert.ThrowsAsync<EventDeserializationException>(() => replica.CatchUpAsync());

        Assert.Contains("customer.state-c-1", error.Message, StringComparison.Ordinal);
        Assert.Null(replica.Get("c-1"));
    }

    internal static Task AppendStateAsync(IEventStore store, IPublishedState state) =>
        store.AppendAsync($"customer.state-{state.Id}", ExpectedVersion.Any, [EventData.From(state)]);
}

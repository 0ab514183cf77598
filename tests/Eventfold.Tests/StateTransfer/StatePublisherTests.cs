namespace Eventfold.Tests.StateTransfer;

/// <summary>The catch-up publisher publishes, from the log, every state a save did not.</summary>
public sealed class StatePublisherTests
{
    [Fact]
    public async Task States_a_save_could_not_publish_are_published_by_the_catch_up()
    {
        await using var inner = new InMemoryEventStore();
        var store = new StateTestStore(inner);
        var customers = new AggregateRepository<Customer>(store);
        for (int i = 0; i < 20; i++)
        {
            // Every third customer's saves all miss their publish, as if the process died after each save.
            store.FailStatePublishes = i % 3 == 0;
            var customer = customers.Create($"c-{i}");
            customer.Register($"name {i}", $"{i}@example.com");
            await customers.SaveAsync(customer);
            store.FailStatePublishes = i % 3 == 0 || i % 2 == 0;
            customer.Rename($"renamed {i}");
            await customers.SaveAsync(customer);
        }

        store.FailStatePublishes = false;
        await new StatePublisher<Customer>(store).CatchUpAsync();

        for (int i = 0; i < 20; i++)
        {
            var states = await PublishingTests.ReadStatesAsync(store, $"customer.state-c-{i}");
            Assert.Equal(new CustomerState($"c-{i}", 1, $"renamed {i}"), states[^1].Event);
            Assert.Equal(StateStreams.EventIdFor($"customer-c-{i}", 1), states[^1].EventId);
            // A state the save published is not written again.
            Assert.Equal(i % 3 == 0 ? 1 : 2, states.Count);
        }
    }

    [Fact]
    public async Task A_second_catch_up_publishes_nothing_and_keeps_its_checkpoint()
    {
        await using var store = new StateTestStore(new InMemoryEventStore());
        var customers = new AggregateRepository<Customer>(store);
        var customer = customers.Create("c-1");
        customer.Register("Ada", "ada@example.com");
        await customers.SaveAsync(customer);
        var publisher = new StatePublisher<Customer>(store);

        await publisher.CatchUpAsync();
        int appends = store.StateAppends;
        await new StatePublisher<Customer>(store).CatchUpAsync();

        Assert.Equal(1, appends);
        Assert.Equal(appends, store.StateAppends);
        Assert.NotNull(await store.GetCheckpointAsync(StatePublisher<Customer>.CheckpointName));
    }

    [Fact]
    public async Task Running_live_publishes_a_state_missed_after_it_started()
    {
        await using var inner = new InMemoryEventStore();
        var store = new StateTestStore(inner);
        var customers = new AggregateRepository<Customer>(store);
        using var cts = new CancellationTokenSource();
        var run = new StatePublisher<Customer>(store).RunAsync(cts.Token);

        // Only the save's own publish fails: a flag left on while the save runs would race the live
        // publisher, which may see the event first (a loaded machine showed it).
        store.FailNextStatePublishes(1);
        var customer = customers.Create("c-1");
        customer.Register("Ada", "ada@example.com");
        await customers.SaveAsync(customer);

        var deadline = DateTime.UtcNow.AddSeconds(30);
        while ((await PublishingTests.ReadStatesAsync(store, "customer.state-c-1")).Count == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(10);
        }

        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
        Assert.Equal(new CustomerState("c-1", 0, "Ada"), Assert.Single(await PublishingTests.ReadStatesAsync(store, "customer.state-c-1")).Event);
    }
}

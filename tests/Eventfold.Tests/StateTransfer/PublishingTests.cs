using System.Text;

namespace Eventfold.Tests.StateTransfer;

/// <summary>A save appends the new state to <c>{category}.state-{id}</c>, with an id derived from the aggregate's stream and version.</summary>
public sealed class PublishingTests
{
    [Fact]
    public async Task Each_save_appends_the_state_at_the_saved_version()
    {
        await using var store = new InMemoryEventStore();
        var customers = new AggregateRepository<Customer>(store);
        var customer = customers.Create("c-1");
        customer.Register("Ada", "ada@example.com");
        await customers.SaveAsync(customer);
        customer.Rename("Ada L.");
        customer.Rename("Ada Lovelace");
        await customers.SaveAsync(customer);

        var states = await ReadStatesAsync(store, "customer.state-c-1");

        Assert.Equal([new CustomerState("c-1", 0, "Ada"), new CustomerState("c-1", 2, "Ada Lovelace")], states.Select(s => s.Event));
        Assert.Equal([StateStreams.EventIdFor("customer-c-1", 0), StateStreams.EventIdFor("customer-c-1", 2)], states.Select(s => s.EventId));
        Assert.All(states, s => Assert.Equal(("customer.state", 1), (s.EventName, s.SchemaVersion)));
    }

    [Fact]
    public async Task A_member_marked_NotPublished_never_reaches_the_stored_state()
    {
        await using var store = new InMemoryEventStore();
        var customers = new AggregateRepository<Customer>(store);
        var customer = customers.Create("c-1");
        customer.Register("Ada", "ada@example.com");
        await customers.SaveAsync(customer);

        var stored = Assert.Single(await ReadStatesAsync(store, "customer.state-c-1"));
        string json = Encoding.UTF8.GetString(EventSerializer.Default.Serialize(new EventData(stored.Event, stored.EventId, EventMetadata.Empty)).Data);

        Assert.Equal("""{"id":"c-1","version":0,"name":"Ada"}""", json);
        Assert.DoesNotContain(typeof(CustomerState).GetProperties(), p => p.Name == nameof(Customer.Email));
    }

    [Fact]
    public async Task Publishing_the_same_state_again_is_recognised_as_a_retry()
    {
        await using var store = new InMemoryEventStore();
        var customers = new AggregateRepository<Customer>(store);
        var customer = customers.Create("c-1");
        customer.Register("Ada", "ada@example.com");
        await customers.SaveAsync(customer);

        // What the state publisher writes for the same state: the same id, so the store keeps one.
        var again = new EventData(new CustomerState("c-1", 0, "Ada"), StateStreams.EventIdFor("customer-c-1", 0), EventMetadata.Empty);
        await store.AppendAsync("customer.state-c-1", ExpectedVersion.Any, [again]);

        Assert.Single(await ReadStatesAsync(store, "customer.state-c-1"));
    }

    [Fact]
    public async Task A_failed_publish_does_not_fail_the_save()
    {
        await using var inner = new InMemoryEventStore();
        var store = new StateTestStore(inner) { FailStatePublishes = true };
        var customers = new AggregateRepository<Customer>(store);
        var customer = customers.Create("c-1");
        customer.Register("Ada", "ada@example.com");

        var result = await customers.SaveAsync(customer);

        Assert.Equal(0, result.NextExpectedVersion);
        Assert.Equal("Ada", (await customers.LoadAsync("c-1"))!.Name);
        Assert.Empty(await ReadStatesAsync(store, "customer.state-c-1"));
    }

    [Fact]
    public void Event_ids_are_stable_and_differ_by_stream_and_version()
    {
        var id = StateStreams.EventIdFor("customer-c-1", 7);

        Assert.Equal(id, StateStreams.EventIdFor("customer-c-1", 7));
        Assert.NotEqual(id, StateStreams.EventIdFor("customer-c-1", 8));
        Assert.NotEqual(id, StateStreams.EventIdFor("customer-c-2", 7));
        Assert.Equal(5, id.Version);
    }

    internal static async Task<List<RecordedEvent>> ReadStatesAsync(IEventStore store, string stream)
    {
        var states = new List<RecordedEvent>();
        await foreach (var e in store.ReadStreamAsync(stream, CancellationToken.None))
        {
            states.Add(e);
        }

        return states;
    }
}

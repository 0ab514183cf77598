using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Eventfold.Tests.Aggregates.Snapshots;
using Eventfold.Tests.StateTransfer;

namespace Eventfold.Tests.Serialization;

/// <summary>
/// What a Native AOT application with published state and snapshots lists: its events, its replica and the
/// snapshot members' collection types. Not the generated <c>CustomerState</c>, which it cannot see.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(CustomerRegistered))]
[JsonSerializable(typeof(CustomerRenamed))]
[JsonSerializable(typeof(CustomerView))]
[JsonSerializable(typeof(Posted))]
[JsonSerializable(typeof(Reversed))]
[JsonSerializable(typeof(Viewed))]
[JsonSerializable(typeof(Dictionary<string, decimal>))]
[JsonSerializable(typeof(List<string>))]
internal sealed partial class PublishingTestJsonContext : JsonSerializerContext;

/// <summary>The generated published-state converter: the JSON reflection writes, read as strictly as events.</summary>
public sealed class GeneratedStateJsonTests
{
    private static readonly EventSerializer Serializer = EventSerializer.Create(PublishingTestJsonContext.Default);

    [Fact]
    public void A_published_state_is_written_as_reflection_writes_it()
    {
        var state = new CustomerState("c-1", 3, "Ada");
        var reflection = new JsonSerializerOptions(JsonSerializerDefaults.Web) { TypeInfoResolver = new DefaultJsonTypeInfoResolver() };

        var written = Serializer.Serialize(EventData.From(state));

        Assert.Equal(JsonSerializer.Serialize(state, reflection), Encoding.UTF8.GetString(written.Data));
        Assert.Equal("""{"id":"c-1","version":3,"name":"Ada"}""", Encoding.UTF8.GetString(written.Data));
    }

    [Fact]
    public void A_published_state_reads_back_ignoring_case_and_members_it_does_not_have()
    {
        var back = Read("""{"ID":"c-1","Version":3,"name":"Ada","email":"never published"}""");

        Assert.Equal(new CustomerState("c-1", 3, "Ada"), back);
    }

    [Fact]
    public void A_published_state_without_a_member_is_refused_naming_the_member()
    {
        var ex = Assert.Throws<EventDeserializationException>(() => Read("""{"id":"c-1","version":3}"""));

        Assert.Contains("customer.state", ex.Message);
        Assert.Contains("'name'", ex.Message);
        Assert.Contains(typeof(CustomerState).FullName!, ex.Message);
    }

    [Fact]
    public void A_published_state_with_null_for_a_member_that_is_not_nullable_is_refused()
    {
        var ex = Assert.Throws<EventDeserializationException>(() => Read("""{"id":"c-1","version":3,"name":null}"""));

        Assert.Contains("null for 'name'", ex.Message);
    }

    [Fact]
    public void A_published_state_that_is_not_an_object_is_refused()
    {
        var ex = Assert.Throws<EventDeserializationException>(() => Read("""["c-1",3,"Ada"]"""));

        Assert.Contains("is a JSON object", ex.Message);
    }

    private static CustomerState Read(string json) =>
        (CustomerState)Serializer.Deserialize("customer.state-c-1", 0, "customer.state", 1, Encoding.UTF8.GetBytes(json));
}

/// <summary>Published state, its replica and snapshots with reflection off, as in a Native AOT application.</summary>
[Collection(nameof(ReflectionSwitchCollection))]
public sealed class GeneratedJsonWithoutReflectionTests
{
    private const string Switch = "System.Text.Json.JsonSerializer.IsReflectionEnabledByDefault";

    [Fact]
    public async Task Without_reflection_a_published_state_reaches_a_replica_through_a_context_that_cannot_list_it()
    {
        AppContext.SetSwitch(Switch, false);
        try
        {
            await using var store = new InMemoryEventStore(new EventStoreOptions { Serializer = EventSerializer.Create(PublishingTestJsonContext.Default) });
            var customers = new AggregateRepository<Customer>(store);
            var customer = customers.Create("c-1");
            customer.Register("Ada", "ada@example.com");
            await customers.SaveAsync(customer);
            var replica = new StateReplica<CustomerView>(store, new StateReplicaOptions { Json = PublishingTestJsonContext.Default.Options });

            await replica.CatchUpAsync();

            var published = await store.ReadStreamAsync("customer.state-c-1").Select(e => (CustomerState)e.Event).SingleAsync();
            Assert.Equal(new CustomerState("c-1", 0, "Ada"), published);
            Assert.Equal(new CustomerView("c-1", 0, "Ada"), replica.Get("c-1"));
        }
        finally
        {
            AppContext.SetSwitch(Switch, true);
        }
    }

    [Fact]
    public async Task Without_reflection_a_snapshot_is_written_and_restored_through_the_stores_context()
    {
        AppContext.SetSwitch(Switch, false);
        try
        {
            await using var store = new InMemoryEventStore(new EventStoreOptions { Serializer = EventSerializer.Create(PublishingTestJsonContext.Default) });
            var ledgers = new AggregateRepository<Ledger>(store);
            var ledger = ledgers.Create("l-1");
            for (int i = 0; i < 12; i++)
            {
                ledger.Post(i % 2 == 0 ? "a" : "b", 1m, "m" + i);
            }

            await ledgers.SaveAsync(ledger);
            await ledgers.LastSnapshotWrite;

            var snapshot = await store.GetSnapshotAsync("ledger-l-1");
            Assert.NotNull(snapshot);
            Assert.Contains("\"_balances\":{\"a\":6,\"b\":6}", Encoding.UTF8.GetString(snapshot.Data));
            var restored = AggregateSnapshots<Ledger>.TryRestore("l-1", snapshot, store.Serializer.SnapshotOptions);
            Assert.NotNull(restored);
            Assert.Equal(ledger.Describe(), restored.Describe());
        }
        finally
        {
            AppContext.SetSwitch(Switch, true);
        }
    }
}

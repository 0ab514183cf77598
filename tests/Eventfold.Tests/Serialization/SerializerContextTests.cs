using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Eventfold.Tests.Serialization;

/// <summary>An event whose members have setters: read with the wrong names, it would come out empty, not fail.</summary>
public sealed class CartNamed
{
    public string? CartId { get; set; }

    public string? Name { get; set; }
}

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(CartNamed))]
[JsonSerializable(typeof(ParcelShipped))]
internal sealed partial class WebTestJsonContext : JsonSerializerContext;

/// <summary>What a new user writes first: no web defaults, so C# names, matched case-sensitively.</summary>
[JsonSerializable(typeof(CartNamed))]
internal sealed partial class PlainTestJsonContext : JsonSerializerContext;

/// <summary>What a Native AOT application with a saga and a replica lists: their data and states, no saga log events.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(Eventfold.Tests.Sagas.TestOrder))]
[JsonSerializable(typeof(Eventfold.Tests.StateTransfer.CustomerView))]
internal sealed partial class SagaTestJsonContext : JsonSerializerContext;

public sealed class SerializerContextTests
{
    private static EventRegistry CartRegistry()
    {
        var registry = new EventRegistry();
        registry.Register<CartNamed>("cart.named", 1);
        return registry;
    }

    [Fact]
    public void A_context_with_the_web_defaults_reads_what_the_default_serializer_wrote()
    {
        var written = new EventSerializer(CartRegistry()).Serialize(EventData.From(new CartNamed { CartId = "c-1", Name = "gifts" }));
        var serializer = EventSerializer.Create(WebTestJsonContext.Default, CartRegistry());

        var back = (CartNamed)serializer.Deserialize("cart-c-1", 0, written.EventName, written.SchemaVersion, written.Data);

        Assert.Equal("c-1", back.CartId);
        Assert.Equal("gifts", back.Name);
        Assert.Contains(WebTestJsonContext.Default, serializer.Options.TypeInfoResolverChain);
    }

    [Fact]
    public void A_context_serializer_writes_and_reads_the_saga_log_without_the_application_listing_its_events()
    {
        var registry = CartRegistry();
        SagaLogEvents.RegisterIn(registry);
        var serializer = EventSerializer.Create(WebTestJsonContext.Default, registry);
        using var data = System.Text.Json.JsonDocument.Parse("""{"orderId":"o-1"}""");

        var written = serializer.Serialize(EventData.From(new SagaStarted("checkout", data.RootElement.Clone())));
        var back = (SagaStarted)serializer.Deserialize("saga-checkout-1", 0, written.EventName, written.SchemaVersion, written.Data);

        Assert.Equal(SagaLogEvents.Started, written.EventName);
        Assert.Contains("\"saga\":\"checkout\"", System.Text.Encoding.UTF8.GetString(written.Data), StringComparison.Ordinal);
        Assert.Equal("checkout", back.Saga);
        Assert.Equal("o-1", back.Data.GetProperty("orderId").GetString());
    }

    [Fact]
    public void A_context_without_the_web_defaults_is_refused_naming_what_differs()
    {
        var ex = Assert.Throws<ArgumentException>(() => EventSerializer.Create(PlainTestJsonContext.Default, CartRegistry()));

        Assert.Contains(typeof(PlainTestJsonContext).FullName!, ex.Message);
        Assert.Contains("PropertyNamingPolicy is none (C# names), events are written with camelCase", ex.Message);
        Assert.Contains("PropertyNameCaseInsensitive is False", ex.Message);
        Assert.Contains("[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]", ex.Message);
    }
}

[CollectionDefinition(nameof(ReflectionSwitchCollection), DisableParallelization = true)]
public sealed class ReflectionSwitchCollection;

/// <summary>Turns System.Text.Json's reflection switch off, as a trimmed or Native AOT publish does.</summary>
[Collection(nameof(ReflectionSwitchCollection))]
public sealed class ReflectionSwitchTests
{
    private const string Switch = "System.Text.Json.JsonSerializer.IsReflectionEnabledByDefault";

    [Fact]
    public void Without_reflection_a_serializer_without_a_context_says_to_pass_one()
    {
        AppContext.SetSwitch(Switch, false);
        try
        {
            var ex = Assert.Throws<InvalidOperationException>(() => new EventSerializer(TestRegistries.ParcelHistory()));
            Assert.Contains("EventSerializer.Create(AppJsonContext.Default)", ex.Message);
            Assert.Contains("[JsonSerializable(typeof(YourEvent))]", ex.Message);
        }
        finally
        {
            AppContext.SetSwitch(Switch, true);
        }
    }

    [Fact]
    public void Without_reflection_a_saga_without_data_options_says_to_pass_them()
    {
        AppContext.SetSwitch(Switch, false);
        try
        {
            var ex = Assert.Throws<InvalidOperationException>(() =>
                new SagaCoordinator<Sagas.TestCheckoutSaga, Sagas.TestOrder>(new InMemoryEventStore(), () => new Sagas.TestCheckoutSaga(new Sagas.SagaLedger())));
            Assert.Contains("'test-checkout'", ex.Message);
            Assert.Contains("[JsonSerializable(typeof(TestOrder))]", ex.Message);
            Assert.Contains("SagaCoordinatorOptions.DataJson = AppJsonContext.Default.Options", ex.Message);
        }
        finally
        {
            AppContext.SetSwitch(Switch, true);
        }
    }

    [Fact]
    public async Task Without_reflection_a_saga_runs_on_a_context_serializer_and_its_data_options()
    {
        AppContext.SetSwitch(Switch, false);
        try
        {
            var registry = new EventRegistry();
            SagaLogEvents.RegisterIn(registry);
            var store = new InMemoryEventStore(new EventStoreOptions { Serializer = EventSerializer.Create(SagaTestJsonContext.Default, registry) });
            var ledger = new Sagas.SagaLedger();
            var coordinator = new SagaCoordinator<Sagas.TestCheckoutSaga, Sagas.TestOrder>(
                store, () => new Sagas.TestCheckoutSaga(ledger), new SagaCoordinatorOptions { DataJson = SagaTestJsonContext.Default.Options });

            var result = await coordinator.RunAsync("s-1", new Sagas.TestOrder("o-1", 42m));

            Assert.Equal(SagaStatus.Completed, result.Status);
            Assert.Equal("pay-o-1", ledger.Received["Ship:o-1"].PaymentId);
        }
        finally
        {
            AppContext.SetSwitch(Switch, true);
        }
    }

    [Fact]
    public void Without_reflection_a_replica_without_json_options_says_to_pass_them()
    {
        AppContext.SetSwitch(Switch, false);
        try
        {
            var ex = Assert.Throws<InvalidOperationException>(() => new StateReplica<StateTransfer.CustomerView>(new InMemoryEventStore()));
            Assert.Contains("CustomerView", ex.Message);
            Assert.Contains("StateReplicaOptions.Json = AppJsonContext.Default.Options", ex.Message);
            Assert.Null(Record.Exception(() => new StateReplica<StateTransfer.CustomerView>(
                new InMemoryEventStore(), new StateReplicaOptions { Json = SagaTestJsonContext.Default.Options })));
        }
        finally
        {
            AppContext.SetSwitch(Switch, true);
        }
    }

    [Fact]
    public void Without_reflection_a_serializer_with_a_context_round_trips()
    {
        AppContext.SetSwitch(Switch, false);
        try
        {
            var serializer = EventSerializer.Create(WebTestJsonContext.Default, TestRegistries.ParcelHistory());
            var stored = serializer.Serialize(EventData.From(new ParcelShipped("p-1", "DHL", 2)));

            object back = serializer.Deserialize("parcel-p-1", 0, stored.EventName, stored.SchemaVersion, stored.Data);

            Assert.Equal(new ParcelShipped("p-1", "DHL", 2), back);
            Assert.Contains("\"parcelId\":\"p-1\"", Encoding.UTF8.GetString(stored.Data));
        }
        finally
        {
            AppContext.SetSwitch(Switch, true);
        }
    }
}

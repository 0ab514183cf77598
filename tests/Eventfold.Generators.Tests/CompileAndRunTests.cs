using System.Reflection;
using Eventfold.Generators.Tests.Infrastructure;

namespace Eventfold.Generators.Tests;

/// <summary>The generated code compiled, loaded and run against the real runtime core.</summary>
public sealed class CompileAndRunTests
{
    private static CompiledSample Sample => CompiledSample.Shared;

    [Fact]
    public void Sample_compiles_without_errors_or_warnings()
    {
        Assert.Contains("RunSample.Order.g.cs", Sample.Generated.Keys);
        Assert.Contains("EventfoldEventRegistration.g.cs", Sample.Generated.Keys);
        Assert.Empty(Sample.Problems);
    }

    [Fact]
    public void RegisterAll_registers_every_event_with_its_name_and_version()
    {
        var registry = Sample.NewRegistry();

        Assert.Equal(
            new[]
            {
                ("LineAdded", 1, "RunSample.LineAdded"),
                ("NoteAdded", 1, "RunSample.NoteAdded"),
                ("OrderPlaced", 1, "RunSample.OrderPlacedV1"),
                ("OrderPlaced", 2, "RunSample.OrderPlaced"),
                ("PromotionalLineAdded", 1, "RunSample.PromotionalLineAdded"),
                ("Shipped", 2, "RunSample.OrderShipped"),
            },
            registry.All.Select(e => (e.Name, e.Version, e.ClrType.FullName!)).Order());
    }

    [Fact]
    public void Module_initializer_registers_with_the_default_registry()
    {
        _ = Sample.NewRegistry(); // touching the assembly's code runs its module initializer first

        Assert.True(EventRegistry.Default.TryGetByType(Sample.Type("RunSample.OrderPlaced"), out var placed));
        Assert.Equal(("OrderPlaced", 2), (placed.Name, placed.Version));
    }

    [Fact]
    public void Typed_upcaster_reads_an_old_version_as_the_latest_type()
    {
        var registry = Sample.NewRegistry();
        var onlyV1 = new EventRegistry();
        onlyV1.Register(Sample.Type("RunSample.OrderPlacedV1"), "OrderPlaced", 1);
        var stored = new EventSerializer(onlyV1).Serialize(EventData.From(Sample.New("RunSample.OrderPlacedV1", "o-9", 12.5m)));
        Assert.Equal(1, stored.SchemaVersion);

        object current = new EventSerializer(registry).Deserialize("order-o-9", 0, stored.EventName, stored.SchemaVersion, stored.Data);

        Assert.Equal(Sample.Type("RunSample.OrderPlaced"), current.GetType());
        Assert.Equal("unknown", CompiledSample.Get<string>(current, "CustomerId"));
        Assert.Equal(12.5m, CompiledSample.Get<decimal>(current, "Total"));
    }

    [Fact]
    public void Json_upcaster_reads_a_version_without_a_type_as_the_latest_type()
    {
        var serializer = new EventSerializer(Sample.NewRegistry());

        object current = serializer.Deserialize("order-o-9", 3, "Shipped", 1, """{"orderId":"o-9"}"""u8);

        Assert.Equal(Sample.Type("RunSample.OrderShipped"), current.GetType());
        Assert.Equal("n/a", CompiledSample.Get<string>(current, "Carrier"));
    }

    [Fact]
    public Task Aggregate_round_trips_through_the_repository() => RunGeneric(nameof(RoundTripAsync));

    [Fact]
    public Task Stale_aggregate_fails_to_save() => RunGeneric(nameof(StaleSaveAsync));

    private static async Task RoundTripAsync<T>(IEventStore store)
        where T : class, IEventSourced<T>
    {
        Assert.Equal("order", T.Category);
        Assert.Equal(100, T.SnapshotEvery);
        var orders = new AggregateRepository<T>(store);

        T order = orders.Create("o-1");
        Assert.Equal(("o-1", -1L), (order.Id, order.Version));
        CompiledSample.Call(order, "Place", "c-7", 42m);
        CompiledSample.Call(order, "AddLine", "sku-1", 10m);
        CompiledSample.Call(order, "AddPromotionalLine", "sku-2", 20m, 5m);
        CompiledSample.Call(order, "Note", "gift wrap");

        // Raise applies at once and counts every event, with or without an Apply.
        Assert.Equal(3, order.Version);
        Assert.Equal(4, order.UncommittedEvents.Count);
        Assert.Equal(67m, CompiledSample.Get<decimal>(order, "Total"));
        Assert.Equal(2, CompiledSample.Get<int>(order, "Lines"));
        Assert.Equal(5m, CompiledSample.Get<decimal>(order, "Discounts")); // the derived event reached its own Apply
        Assert.Equal(1L, CompiledSample.Get<long>(order, "VersionSeenByLastApply"));
        Assert.Throws<InvalidOperationException>(() => CompiledSample.Call(order, "Place", "c-8", 1m));

        var saved = await orders.SaveAsync(order);
        Assert.Equal(3, saved.NextExpectedVersion);
        Assert.Empty(order.UncommittedEvents);
        Assert.Equal(3, order.Version);

        T loaded = (await orders.LoadAsync("o-1"))!;
        Assert.Equal(("o-1", 3L), (loaded.Id, loaded.Version));
        Assert.Empty(loaded.UncommittedEvents);
        Assert.Equal("c-7", CompiledSample.Get<string>(loaded, "Customer"));
        Assert.Equal(67m, CompiledSample.Get<decimal>(loaded, "Total"));
        Assert.Equal(5m, CompiledSample.Get<decimal>(loaded, "Discounts"));

        CompiledSample.Call(loaded, "Ship", "ups");
        await orders.SaveAsync(loaded);
        T shipped = (await orders.LoadAsync("o-1"))!;
        Assert.Equal(4, shipped.Version);
        Assert.Equal("ups", CompiledSample.Get<string>(shipped, "Carrier"));

        T first = (await orders.LoadAtVersionAsync("o-1", 0))!;
        Assert.Equal(0, first.Version);
        Assert.Equal(42m, CompiledSample.Get<decimal>(first, "Total"));

        Assert.Null(await orders.LoadAsync("missing"));
    }

    private static async Task StaleSaveAsync<T>(IEventStore store)
        where T : class, IEventSourced<T>
    {
        var orders = new AggregateRepository<T>(store);
        T order = orders.Create("o-2");
        CompiledSample.Call(order, "Place", "c-1", 1m);
        await orders.SaveAsync(order);

        T mine = (await orders.LoadAsync("o-2"))!;
        T theirs = (await orders.LoadAsync("o-2"))!;
        CompiledSample.Call(theirs, "AddLine", "a", 1m);
        await orders.SaveAsync(theirs);
        CompiledSample.Call(mine, "AddLine", "b", 2m);

        await Assert.ThrowsAsync<WrongExpectedVersionException>(() => orders.SaveAsync(mine));
    }

    /// <summary>Runs a generic test body with T = the sample's Order, over a store on a registry of its own.</summary>
    private static Task RunGeneric(string method)
    {
        var store = new InMemoryEventStore(new EventStoreOptions { Serializer = new EventSerializer(Sample.NewRegistry()) });
        var body = typeof(CompileAndRunTests).GetMethod(method, BindingFlags.Static | BindingFlags.NonPublic)!
            .MakeGenericMethod(Sample.Type("RunSample.Order"));
        return (Task)body.Invoke(null, [store])!;
    }
}

namespace Eventfold.Sqlite.Tests;

public sealed record ItemAdded(string Sku, int Quantity);

public sealed record ItemRemoved(string Sku);

public sealed record Blob(string Content);

/// <summary>Events registered in a private registry, so the tests do not depend on the generator or on each other.</summary>
public static class TestEvents
{
    public static EventSerializer Serializer { get; } = CreateSerializer();

    public static SqliteEventStoreOptions Options(int? readPageSize = null, int? maxEventSizeBytes = null, TimeProvider? time = null, TimeSpan? pollInterval = null) => new()
    {
        Serializer = Serializer,
        ReadPageSize = readPageSize ?? 512,
        MaxEventSizeBytes = maxEventSizeBytes ?? EventStoreOptions.DefaultMaxEventSizeBytes,
        TimeProvider = time ?? TimeProvider.System,
        PollInterval = pollInterval ?? TimeSpan.FromMilliseconds(100),
    };

    public static EventData Added(string sku, int quantity = 1) => EventData.From(new ItemAdded(sku, quantity));

    public static EventData Removed(string sku) => EventData.From(new ItemRemoved(sku));

    public static EventData[] Added(int count, string prefix = "sku") =>
        Enumerable.Range(0, count).Select(i => Added($"{prefix}-{i}", i)).ToArray();

    private static EventSerializer CreateSerializer()
    {
        var registry = new EventRegistry();
        registry.Register<ItemAdded>("ItemAdded", 1);
        registry.Register<ItemRemoved>("ItemRemoved", 1);
        registry.Register<Blob>("Blob", 1);
        return new EventSerializer(registry);
    }
}

namespace Eventfold.EventStoreDb.Tests;

public sealed record ItemAdded(string Sku, int Quantity);

public sealed record ItemRemoved(string Sku);

/// <summary>A registry and serializer of the test events, kept apart from <see cref="EventRegistry.Default"/>.</summary>
internal static class TestEvents
{
    public static EventSerializer Serializer { get; } = Create();

    private static EventSerializer Create()
    {
        var registry = new EventRegistry();
        registry.Register<ItemAdded>("ItemAdded", 2);
        registry.Register<ItemRemoved>("ItemRemoved", 1);
        return new EventSerializer(registry);
    }
}

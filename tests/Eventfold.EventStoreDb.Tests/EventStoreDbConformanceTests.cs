using Eventfold.StoreConformance;

namespace Eventfold.EventStoreDb.Tests;

/// <summary>The store conformance suite against the EventStoreDB server named by EVENTFOLD_ESDB; skipped without one.</summary>
public sealed class EventStoreDbConformanceTests : EventStoreConformanceTests
{
    /// <summary>The server stamps events with its own clock.</summary>
    protected override bool UsesInjectedClock => false;

    /// <summary>A stream's <c>$maxCount</c> hides older events from the stream at once; <c>$all</c> loses them at the next scavenge.</summary>
    protected override bool DropsTruncatedEventsFromTheLogAtOnce => false;

    protected override Task<IEventStore> CreateStoreAsync(EventStoreOptions options)
    {
        string connectionString = EsdbServer.Require();
        return Task.FromResult<IEventStore>(new EventStoreDbEventStore(connectionString, options));
    }
}

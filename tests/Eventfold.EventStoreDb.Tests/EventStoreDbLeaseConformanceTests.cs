using Eventfold.StoreConformance;

namespace Eventfold.EventStoreDb.Tests;

/// <summary>The lease contract on the EventStoreDB server named by EVENTFOLD_ESDB (lease streams, token-carrying checkpoints); skipped without one.</summary>
public sealed class EventStoreDbLeaseConformanceTests : LeaseStoreConformanceTests
{
    protected override Task<(IProjectionLeaseStore Leases, ICheckpointStore Checkpoints, IAsyncDisposable Owner)> CreateAsync(TimeProvider clock)
    {
        var store = new EventStoreDbEventStore(EsdbServer.Require(), new EventStoreOptions { TimeProvider = clock });
        return Task.FromResult<(IProjectionLeaseStore, ICheckpointStore, IAsyncDisposable)>((store, store, store));
    }
}

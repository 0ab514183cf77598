using Eventfold.StoreConformance;

namespace Eventfold.Tests.Store;

public sealed class InMemoryLeaseConformanceTests : LeaseStoreConformanceTests
{
    protected override Task<(IProjectionLeaseStore Leases, ICheckpointStore Checkpoints, IAsyncDisposable Owner)> CreateAsync(TimeProvider clock)
    {
        var store = new InMemoryEventStore(new EventStoreOptions { TimeProvider = clock });
        return Task.FromResult<(IProjectionLeaseStore, ICheckpointStore, IAsyncDisposable)>((store, store, store));
    }
}

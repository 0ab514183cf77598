using Eventfold.StoreConformance;

namespace Eventfold.Tests.Store;

public sealed class InMemoryConformanceTests : EventStoreConformanceTests
{
    protected override Task<IEventStore> CreateStoreAsync(EventStoreOptions options) =>
        Task.FromResult<IEventStore>(new InMemoryEventStore(options));
}

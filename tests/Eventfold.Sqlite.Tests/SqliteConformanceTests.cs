using Eventfold.StoreConformance;

namespace Eventfold.Sqlite.Tests;

/// <summary>The shared store contract, each test on a fresh database file that is deleted afterwards.</summary>
public sealed class SqliteConformanceTests : EventStoreConformanceTests, IDisposable
{
    private readonly TempDatabase _db = new();

    protected override Task<IEventStore> CreateStoreAsync(EventStoreOptions options) =>
        Task.FromResult<IEventStore>(new SqliteEventStore(_db.Path, new SqliteEventStoreOptions
        {
            Serializer = options.Serializer,
            MaxEventSizeBytes = options.MaxEventSizeBytes,
            TimeProvider = options.TimeProvider,
        }));

    // xunit disposes after DisposeAsync, so the store has closed the file by now.
    public void Dispose() => _db.Dispose();
}

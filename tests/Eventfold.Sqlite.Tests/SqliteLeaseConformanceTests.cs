using Eventfold.StoreConformance;

namespace Eventfold.Sqlite.Tests;

/// <summary>The lease contract on the store's file (table <c>leases</c>).</summary>
public sealed class SqliteLeaseConformanceTests : LeaseStoreConformanceTests, IDisposable
{
    private readonly TempDatabase _db = new();

    protected override Task<(IProjectionLeaseStore Leases, ICheckpointStore Checkpoints, IAsyncDisposable Owner)> CreateAsync(TimeProvider clock)
    {
        var store = new SqliteEventStore(_db.Path, new SqliteEventStoreOptions { TimeProvider = clock });
        return Task.FromResult<(IProjectionLeaseStore, ICheckpointStore, IAsyncDisposable)>((store, store, store));
    }

    public void Dispose() => _db.Dispose();
}

/// <summary>The lease contract on a read model's file (table <c>eventfold_leases</c>), where the read model's checkpoints are.</summary>
public sealed class SqliteReadModelLeaseConformanceTests : LeaseStoreConformanceTests, IDisposable
{
    private readonly TempDatabase _db = new();

    protected override Task<(IProjectionLeaseStore Leases, ICheckpointStore Checkpoints, IAsyncDisposable Owner)> CreateAsync(TimeProvider clock)
    {
        var readModel = new SqliteReadModel(_db.Path, clock);
        return Task.FromResult<(IProjectionLeaseStore, ICheckpointStore, IAsyncDisposable)>((readModel, readModel, new Disposer(readModel)));
    }

    public void Dispose() => _db.Dispose();

    private sealed class Disposer(IDisposable inner) : IAsyncDisposable
    {
        public ValueTask DisposeAsync()
        {
            inner.Dispose();
            return ValueTask.CompletedTask;
        }
    }
}

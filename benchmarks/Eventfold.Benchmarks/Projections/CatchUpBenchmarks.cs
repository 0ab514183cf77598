using BenchmarkDotNet.Attributes;
using Eventfold.Sqlite;

namespace Eventfold.Benchmarks.Projections;

/// <summary>
/// A projection catching up over the 1,000,000 events of <see cref="MillionEventFile"/> (a rebuild: the
/// checkpoint is forgotten, then everything is handled, with checkpoints written to the store every 100
/// events), beside the store's own ReadAllAsync of the same file in the same run. Times are per event of the
/// log. Filtered: the projection handles one event type in ten, and the store delivers only those.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
[MinColumn]
public class CatchUpBenchmarks
{
    private SqliteEventStore _store = null!;
    private ProjectionRunner<OrderTotalsProjection> _orders = null!;
    private ProjectionRunner<EverythingProjection> _everything = null!;
    private ProjectionRunner<EverythingProjection> _everythingRareCheckpoints = null!;

    [GlobalSetup]
    public void Setup()
    {
        Open(MillionEventFile.Events);
        long read = StoreReadAllAsync().GetAwaiter().GetResult();
        long everything = UnfilteredCatchUpAsync().GetAwaiter().GetResult();
        long orders = FilteredCatchUpAsync().GetAwaiter().GetResult();
        long rare = UnfilteredRareCheckpointsCatchUpAsync().GetAwaiter().GetResult();
        if (read != MillionEventFile.Events || everything != MillionEventFile.Events || rare != MillionEventFile.Events || orders != MillionEventFile.Events / MillionEventFile.OrdersEvery)
        {
            throw new InvalidOperationException($"Expected {MillionEventFile.Events} events; read {read}, the unfiltered projection handled {everything}, the filtered one {orders}.");
        }
    }

    /// <summary>Opens the log of <paramref name="events"/> events and the runners, running nothing (the profiling harness runs one contender alone).</summary>
    public void Open(int events)
    {
        _store = new SqliteEventStore(MillionEventFile.Prepare(events));
        _orders = new ProjectionRunner<OrderTotalsProjection>(_store, new OrderTotalsProjection());
        _everything = new ProjectionRunner<EverythingProjection>(_store, new EverythingProjection());
        // The same projection under its own checkpoint name is not possible (the name comes from the attribute),
        // so this runner keeps its checkpoints apart, in memory: it shows what the store's checkpoint writes cost.
        _everythingRareCheckpoints = new ProjectionRunner<EverythingProjection>(
            _store, new EverythingProjection(), new ProjectionRunnerOptions { CheckpointEveryEvents = 100_000, Checkpoints = new InMemoryEventStore() });
    }

    [GlobalCleanup]
    public void Cleanup() => _store.DisposeAsync().AsTask().GetAwaiter().GetResult();

    /// <returns>The number of events read, checked in setup.</returns>
    [Benchmark(Baseline = true, OperationsPerInvoke = MillionEventFile.Events, Description = "SqliteEventStore.ReadAllAsync")]
    public async Task<long> StoreReadAllAsync()
    {
        long count = 0;
        await foreach (var e in _store.ReadAllAsync(GlobalPosition.Start))
        {
            count += e.Event is not null ? 1 : 0;
        }

        return count;
    }

    [Benchmark(OperationsPerInvoke = MillionEventFile.Events, Description = "ReadAllAsync, filtered to orders")]
    public async Task<long> StoreReadAllFilteredAsync()
    {
        long count = 0;
        await foreach (var e in _store.ReadAllAsync(GlobalPosition.Start, EventFilter.ForEventNames("bench.order-placed")))
        {
            count += e.Event is not null ? 1 : 0;
        }

        return count;
    }

    [Benchmark(OperationsPerInvoke = MillionEventFile.Events, Description = "Projection catch-up, unfiltered")]
    public async Task<long> UnfilteredCatchUpAsync()
    {
        _everything.Projection.Reset();
        await _everything.RebuildAsync();
        return _everything.Projection.Handled;
    }

    [Benchmark(OperationsPerInvoke = MillionEventFile.Events, Description = "Catch-up, unfiltered, checkpoint every 100,000, in memory")]
    public async Task<long> UnfilteredRareCheckpointsCatchUpAsync()
    {
        _everythingRareCheckpoints.Projection.Reset();
        await _everythingRareCheckpoints.RebuildAsync();
        return _everythingRareCheckpoints.Projection.Handled;
    }

    [Benchmark(OperationsPerInvoke = MillionEventFile.Events, Description = "Projection catch-up, filtered to orders")]
    public async Task<long> FilteredCatchUpAsync()
    {
        _orders.Projection.Reset();
        await _orders.RebuildAsync();
        return _orders.Projection.Orders;
    }
}

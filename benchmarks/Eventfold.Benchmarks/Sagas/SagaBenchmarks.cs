using BenchmarkDotNet.Attributes;
using Eventfold.Benchmarks.Sqlite;
using Eventfold.Sqlite;

namespace Eventfold.Benchmarks.Sagas;

/// <summary>
/// One three-step saga per call, each with a new id, run to its end by <see cref="SagaCoordinator{TSaga,TData}.RunAsync"/>
/// on the in-memory store and on SQLite (a log of started, three steps and ended: one read and four appends),
/// beside the baseline: the same three service calls made directly, with no log; and beside a MassTransit routing
/// slip of the same three activities on MassTransit's in-memory transport (<see cref="RoutingSlipBus"/>), no log kept.
/// Sagas/s is 1 s divided by the mean; the coordinator's overhead is a row's mean less the baseline's.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
[MinColumn]
public class SagaBenchmarks
{
    private readonly NoOpServices _services = new();
    private readonly BenchOrder _order = new("o", 42m);
    private InMemoryEventStore _memory = null!;
    private TempDatabase _file = null!;
    private SqliteEventStore _sqlite = null!;
    private SagaCoordinator<ThreeStepSaga, BenchOrder> _onMemory = null!;
    private SagaCoordinator<ThreeStepSaga, BenchOrder> _onSqlite = null!;
    private RoutingSlipBus _routingSlips = null!;
    private long _sagas;

    [GlobalSetup]
    public void Setup()
    {
        _memory = new InMemoryEventStore();
        _file = new TempDatabase("sagas");
        // synchronous = NORMAL, as the append benchmarks write: the default, FULL, adds an fsync per append.
        _sqlite = new SqliteEventStore(_file.Path, new SqliteEventStoreOptions { Synchronous = SqliteSynchronousMode.Normal });
        _onMemory = new SagaCoordinator<ThreeStepSaga, BenchOrder>(_memory, () => new ThreeStepSaga(_services));
        _onSqlite = new SagaCoordinator<ThreeStepSaga, BenchOrder>(_sqlite, () => new ThreeStepSaga(_services));
        _routingSlips = new RoutingSlipBus(_services);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _routingSlips.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _sqlite.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _file.Dispose();
    }

    [Benchmark(Baseline = true, Description = "Three calls, no saga")]
    public async Task<BenchOrder> DirectCalls()
    {
        var order = _order;
        await _services.ReserveStock(order, CancellationToken.None);
        order = order with { PaymentId = await _services.Charge(order, CancellationToken.None) };
        await _services.Notify(order, CancellationToken.None);
        return order;
    }

    [Benchmark(Description = "RunAsync, in-memory store")]
    public Task<SagaResult> InMemory() => Completed(_onMemory);

    [Benchmark(Description = "RunAsync, SQLite store")]
    public Task<SagaResult> Sqlite() => Completed(_onSqlite);

    [Benchmark(Description = "MassTransit routing slip, in-memory")]
    public Task MassTransitRoutingSlip() => _routingSlips.RunAsync(_order);

    private async Task<SagaResult> Completed(SagaCoordinator<ThreeStepSaga, BenchOrder> coordinator)
    {
        var result = await coordinator.RunAsync(NextId(), _order);
        // A benchmark of sagas that did not complete would measure the wrong path.
        return result.Status == SagaStatus.Completed ? result : throw new InvalidOperationException("The saga ended " + result.Status + ".");
    }

    private string NextId() => (++_sagas).ToString(System.Globalization.CultureInfo.InvariantCulture);
}

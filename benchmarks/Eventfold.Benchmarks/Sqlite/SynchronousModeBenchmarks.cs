using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Eventfold.Benchmarks.Domain;
using Eventfold.Sqlite;

namespace Eventfold.Benchmarks.Sqlite;

/// <summary>
/// What durability costs: appends of 1 and of 100 events per call with <c>synchronous = FULL</c> (the
/// default: every commit waits for the disk, so an acknowledged append survives power loss) and with
/// <c>NORMAL</c> (the opt-in: safe against process crashes only). Times are per event.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
[MinColumn]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class SynchronousModeBenchmarks
{
    private const string Single = "1 event per call";
    private const string Batch = "100 events per call";
    private const int BatchSize = 100;

    private readonly StoredForm _form = new(EventMix.History(BatchSize));
    private TempDatabase _file = null!;
    private SqliteEventStore _store = null!;
    private long _streams;

    [Params(SqliteSynchronousMode.Full, SqliteSynchronousMode.Normal)]
    public SqliteSynchronousMode Mode { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _file = new TempDatabase("sync-" + Mode);
        _store = new SqliteEventStore(_file.Path, new SqliteEventStoreOptions { Synchronous = Mode });
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _store.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _file.Dispose();
    }

    [BenchmarkCategory(Single)]
    [Benchmark(Description = "AppendAsync")]
    public Task<AppendResult> AppendOne() => _store.AppendAsync(NextStream(), ExpectedVersion.Any, NewBatch(1));

    [BenchmarkCategory(Batch)]
    [Benchmark(OperationsPerInvoke = BatchSize, Description = "AppendAsync")]
    public Task<AppendResult> AppendHundred() => _store.AppendAsync(NextStream(), ExpectedVersion.Any, NewBatch(BatchSize));

    private string NextStream() => "account-" + (++_streams).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private EventData[] NewBatch(int count)
    {
        var batch = new EventData[count];
        for (int i = 0; i < count; i++)
        {
            batch[i] = EventData.From(_form.Events[i]);
        }

        return batch;
    }
}

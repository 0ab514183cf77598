using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Eventfold.Benchmarks.Domain;
using Eventfold.Sqlite;

namespace Eventfold.Benchmarks.Sqlite;

/// <summary>
/// Appends of 1 and of 100 events per call, each call to a fresh stream ("account-{n}", versions 0..),
/// with <see cref="ExpectedVersion.Any"/>. Times are per event (<c>OperationsPerInvoke</c>), so events/s
/// is 1 s divided by the mean. The store and the raw baseline write to separate files made in setup.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
[MinColumn]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class AppendBenchmarks
{
    private const string Single = "1 event per call";
    private const string Batch = "100 events per call";
    private const int BatchSize = 100;

    private readonly StoredForm _form = new(EventMix.History(BatchSize));
    private TempDatabase _storeFile = null!;
    private TempDatabase _rawFile = null!;
    private SqliteEventStore _store = null!;
    private RawSqliteWriter _raw = null!;
    private long _streams;

    [GlobalSetup]
    public void Setup()
    {
        _storeFile = new TempDatabase("append-store");
        _rawFile = new TempDatabase("append-raw");
        // synchronous = NORMAL, as the raw baseline writes: this compares the store's own work with SQLite's.
        // SynchronousModeBenchmarks measures the default, FULL, against NORMAL.
        _store = new SqliteEventStore(_storeFile.Path, new SqliteEventStoreOptions { Synchronous = SqliteSynchronousMode.Normal });

        // The raw file gets its table from the store itself, so both write the very same schema.
        new SqliteEventStore(_rawFile.Path).DisposeAsync().AsTask().GetAwaiter().GetResult();
        _raw = new RawSqliteWriter(_rawFile);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _store.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _raw.Dispose();
        _storeFile.Dispose();
        _rawFile.Dispose();
    }

    [BenchmarkCategory(Single)]
    [Benchmark(Baseline = true, Description = "Raw INSERT")]
    public void RawInsertOne() => _raw.Append(NextStream(), _form.Rows, 1);

    [BenchmarkCategory(Single)]
    [Benchmark(Description = "SqliteEventStore.AppendAsync")]
    public Task<AppendResult> StoreAppendOne() => _store.AppendAsync(NextStream(), ExpectedVersion.Any, NewBatch(1));

    [BenchmarkCategory(Batch)]
    [Benchmark(Baseline = true, OperationsPerInvoke = BatchSize, Description = "Raw INSERT")]
    public void RawInsertHundred() => _raw.Append(NextStream(), _form.Rows, BatchSize);

    [BenchmarkCategory(Batch)]
    [Benchmark(OperationsPerInvoke = BatchSize, Description = "SqliteEventStore.AppendAsync")]
    public Task<AppendResult> StoreAppendHundred() => _store.AppendAsync(NextStream(), ExpectedVersion.Any, NewBatch(BatchSize));

    private string NextStream() => "account-" + (++_streams).ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>New event ids each call, as every real append has; reusing them would turn appends into idempotent no-ops.</summary>
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

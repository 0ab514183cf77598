using BenchmarkDotNet.Attributes;
using Eventfold.Benchmarks.Sqlite;
using Eventfold.Sqlite;

namespace Eventfold.Benchmarks.Versioning;

/// <summary>
/// Reads a stream of <see cref="Events"/> events and turns each into the latest <see cref="PriceSet"/>
/// (times are per event, <c>OperationsPerInvoke</c>): written as the latest version (the baseline),
/// written as version 1 and read through two typed upcasters (v1 to v2 to v3), and written as version 1
/// JSON (<see cref="RawEvent"/>, no v1 type) read through a JSON upcaster and a typed one. The v1
/// payloads are stored exactly as an older release wrote them: an instance of the older version's type.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
[MinColumn]
public class UpcastReadBenchmarks
{
    public const int Events = 10_000;
    private const string LatestStream = "price-latest";
    private const string V1Stream = "price-v1";
    private const string JsonV1Stream = "discount-v1";

    private TempDatabase? _db;
    private IEventStore _store = null!;

    [Params("in-memory", "sqlite")]
    public string Store { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        if (Store == "sqlite")
        {
            _db = new TempDatabase("upcast");
            _store = new SqliteEventStore(_db.Path);
        }
        else
        {
            _store = new InMemoryEventStore();
        }

        var latest = new List<EventData>(Events);
        var v1 = new List<EventData>(Events);
        var jsonV1 = new List<EventData>(Events);
        for (int i = 0; i < Events; i++)
        {
            long cents = 100 + i % 9_900;
            string sku = "sku-" + (i % 500);
            latest.Add(new EventData(new PriceSet(sku, cents / 100m, "EUR"), Guid.NewGuid(), EventMetadata.Empty));
            v1.Add(new EventData(new PriceSetV1(sku, cents), Guid.NewGuid(), EventMetadata.Empty));
            jsonV1.Add(new EventData(RawEvent.FromJson("catalog.discount-set", 1, $$"""{"sku":"{{sku}}","cents":{{cents}}}"""), Guid.NewGuid(), EventMetadata.Empty));
        }

        _store.AppendAsync(LatestStream, ExpectedVersion.NoStream, latest).GetAwaiter().GetResult();
        _store.AppendAsync(V1Stream, ExpectedVersion.NoStream, v1).GetAwaiter().GetResult();
        _store.AppendAsync(JsonV1Stream, ExpectedVersion.NoStream, jsonV1).GetAwaiter().GetResult();

        // Every read must see the same prices, and the v1 streams must really hold version 1.
        decimal expected = LatestVersion().GetAwaiter().GetResult();
        decimal typed = V1ThroughTwoTypedUpcasters().GetAwaiter().GetResult();
        decimal json = V1ThroughJsonAndTypedUpcasters().GetAwaiter().GetResult();
        if (typed != expected || json != expected)
        {
            throw new InvalidOperationException($"The reads disagree: latest {expected}, typed chain {typed}, JSON chain {json}.");
        }

        foreach (string stream in new[] { V1Stream, JsonV1Stream })
        {
            var first = _store.ReadStreamAsync(stream).FirstAsync().AsTask().GetAwaiter().GetResult();
            if (first.SchemaVersion != 1)
            {
                throw new InvalidOperationException($"'{stream}' holds schema version {first.SchemaVersion}, not 1.");
            }
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _store.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _db?.Dispose();
    }

    /// <returns>The sum of the prices read, checked in setup.</returns>
    [Benchmark(Baseline = true, OperationsPerInvoke = Events)]
    public async Task<decimal> LatestVersion()
    {
        decimal sum = 0;
        await foreach (var e in _store.ReadStreamAsync(LatestStream))
        {
            sum += ((PriceSet)e.Event).Amount;
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = Events)]
    public async Task<decimal> V1ThroughTwoTypedUpcasters()
    {
        decimal sum = 0;
        await foreach (var e in _store.ReadStreamAsync(V1Stream))
        {
            sum += ((PriceSet)e.Event).Amount;
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = Events)]
    public async Task<decimal> V1ThroughJsonAndTypedUpcasters()
    {
        decimal sum = 0;
        await foreach (var e in _store.ReadStreamAsync(JsonV1Stream))
        {
            sum += ((DiscountSet)e.Event).Amount;
        }

        return sum;
    }
}

using System.Globalization;
using BenchmarkDotNet.Attributes;
using Eventfold.Benchmarks.Sqlite;
using Eventfold.Sqlite;

namespace Eventfold.Benchmarks.StateTransfer;

/// <summary>
/// <see cref="AggregateRepository{T}.SaveAsync"/> of a new customer with one event: the one with
/// <c>[PublishesState]</c> (the save also appends its state to <c>bench-customer.state-{id}</c>) against the
/// same customer without it, in the same run. Each call saves a fresh id, as a save of new events does.
/// SQLite runs with the store's default synchronous mode (FULL), as an application gets it.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
[MinColumn]
public class PublishOverheadBenchmarks
{
    private TempDatabase? _db;
    private IEventStore _store = null!;
    private AggregateRepository<PlainCustomer> _plain = null!;
    private AggregateRepository<PublishedCustomer> _published = null!;
    private long _ids;

    [Params("in-memory", "sqlite")]
    public string Store { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        if (Store == "sqlite")
        {
            _db = new TempDatabase("state-publish");
            _store = new SqliteEventStore(_db.Path);
        }
        else
        {
            _store = new InMemoryEventStore();
        }

        _plain = new AggregateRepository<PlainCustomer>(_store);
        _published = new AggregateRepository<PublishedCustomer>(_store);

        // The published save must have written its state, and the plain one none.
        string published = SavePublishedAsync().GetAwaiter().GetResult().Id;
        string plain = SavePlainAsync().GetAwaiter().GetResult().Id;
        var states = CountAsync(StateStreams.StreamFor("bench-customer", published)).GetAwaiter().GetResult();
        var none = CountAsync(StateStreams.StreamFor("bench-plain-customer", plain)).GetAwaiter().GetResult();
        if (states != 1 || none != 0)
        {
            throw new InvalidOperationException($"Expected one published state and none for the plain customer; found {states} and {none}.");
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _store.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _db?.Dispose();
    }

    [Benchmark(Baseline = true, Description = "SaveAsync, not published")]
    public async Task<PlainCustomer> SavePlainAsync()
    {
        var customer = _plain.Create(NextId());
        customer.Register("Ada");
        await _plain.SaveAsync(customer);
        return customer;
    }

    [Benchmark(Description = "SaveAsync, [PublishesState]")]
    public async Task<PublishedCustomer> SavePublishedAsync()
    {
        var customer = _published.Create(NextId());
        customer.Register("Ada");
        await _published.SaveAsync(customer);
        return customer;
    }

    private string NextId() => "c-" + (++_ids).ToString(CultureInfo.InvariantCulture);

    private async Task<int> CountAsync(string stream)
    {
        int count = 0;
        await foreach (var _ in _store.ReadStreamAsync(stream))
        {
            count++;
        }

        return count;
    }
}

using System.Globalization;
using BenchmarkDotNet.Attributes;
using Eventfold.Benchmarks.Sqlite;
using Eventfold.Sqlite;

namespace Eventfold.Benchmarks.StateTransfer;

/// <summary>
/// A new <see cref="StateReplica{T}"/> (checkpoint in memory, so it reads from the start) catching up over
/// <see cref="States"/> published states, <see cref="Versions"/> of each of <see cref="Ids"/> customers in
/// round-robin order, beside the store's own ReadAllAsync of the same states folded into a Dictionary by hand
/// (newest version per id), in the same run. Times are per state, so updates/s is 1 s divided by the mean.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
[MinColumn]
public class ReplicaCatchUpBenchmarks
{
    private const int Ids = 1_000;
    private const int Versions = 10;
    private const int States = Ids * Versions;

    private const string Category = "bench-customer";

    private static readonly string StateName = StateStreams.StateName(Category);

    private TempDatabase? _db;
    private IEventStore _store = null!;

    [Params("in-memory", "sqlite")]
    public string Store { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        if (Store == "sqlite")
        {
            _db = new TempDatabase("state-replica");
            _store = new SqliteEventStore(_db.Path, new SqliteEventStoreOptions { Synchronous = SqliteSynchronousMode.Normal });
        }
        else
        {
            _store = new InMemoryEventStore();
        }

        PublishAsync().GetAwaiter().GetResult();

        // Both must end with the newest state of every customer.
        var folded = ReadAllIntoDictionaryAsync().GetAwaiter().GetResult();
        var replica = ReplicaCatchUpAsync().GetAwaiter().GetResult();
        var last = new CustomerView(IdOf(Ids - 1), Versions - 1, NameOf(Ids - 1, Versions - 1));
        if (folded.Count != Ids || replica.All.Count != Ids || replica.Get(last.Id) != last
            || folded[last.Id] != new PublishedCustomerState(last.Id, last.Version, last.Name))
        {
            throw new InvalidOperationException($"Expected {Ids} customers ending at {last}; the fold holds {folded.Count}, the replica {replica.All.Count} ending at {replica.Get(last.Id)}.");
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _store.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _db?.Dispose();
    }

    /// <returns>The newest state per id, checked in setup.</returns>
    [Benchmark(Baseline = true, OperationsPerInvoke = States, Description = "ReadAllAsync into a Dictionary")]
    public async Task<Dictionary<string, PublishedCustomerState>> ReadAllIntoDictionaryAsync()
    {
        var newest = new Dictionary<string, PublishedCustomerState>(StringComparer.Ordinal);
        await foreach (var e in _store.ReadAllAsync(GlobalPosition.Start, EventFilter.ForEventNames(StateName)))
        {
            var state = (PublishedCustomerState)e.Event;
            if (!newest.TryGetValue(state.Id, out var held) || held.Version < state.Version)
            {
                newest[state.Id] = state;
            }
        }

        return newest;
    }

    /// <returns>The caught-up replica, checked in setup.</returns>
    [Benchmark(OperationsPerInvoke = States, Description = "StateReplica.CatchUpAsync")]
    public async Task<StateReplica<CustomerView>> ReplicaCatchUpAsync()
    {
        var replica = new StateReplica<CustomerView>(_store);
        await replica.CatchUpAsync();
        return replica;
    }

    /// <summary>The states as a save publishes them: one append per state, to its customer's state stream.</summary>
    private async Task PublishAsync()
    {
        for (int version = 0; version < Versions; version++)
        {
            for (int n = 0; n < Ids; n++)
            {
                var state = new PublishedCustomerState(IdOf(n), version, NameOf(n, version));
                await _store.AppendAsync(StateStreams.StreamFor(Category, state.Id), ExpectedVersion.Any, [EventData.From(state)]);
            }
        }
    }

    private static string IdOf(int n) => "c-" + n.ToString(CultureInfo.InvariantCulture);

    private static string NameOf(int n, int version) => "Customer " + n.ToString(CultureInfo.InvariantCulture) + " v" + version.ToString(CultureInfo.InvariantCulture);
}

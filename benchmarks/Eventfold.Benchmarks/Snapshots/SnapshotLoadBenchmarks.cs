using BenchmarkDotNet.Attributes;
using Eventfold.Benchmarks.Domain;
using Eventfold.Benchmarks.Sqlite;
using Eventfold.Sqlite;

namespace Eventfold.Benchmarks.Snapshots;

/// <summary>
/// Loads a 100,000-event account through <see cref="AggregateRepository{T}"/> on each store: all events
/// replayed (no snapshot), from the snapshot a save every 100 events wrote (the last save's, so no tail),
/// and from a snapshot 100 events behind (the worst tail with a snapshot every 100).
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class SnapshotLoadBenchmarks
{
    private const int Events = 100_000;
    private const string NoTail = "no-tail";
    private const string Tail = "tail-100";

    private TempDatabase? _db;
    private IEventStore _store = null!;
    private AggregateRepository<SnapshottedAccount> _fullReplay = null!;
    private AggregateRepository<SnapshottedAccount> _withSnapshots = null!;

    [Params("in-memory", "sqlite")]
    public string Store { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        if (Store == "sqlite")
        {
            _db = new TempDatabase("snapshots");
            _store = new SqliteEventStore(_db.Path);
        }
        else
        {
            _store = new InMemoryEventStore();
        }

        _withSnapshots = new AggregateRepository<SnapshottedAccount>(_store);
        _fullReplay = new AggregateRepository<SnapshottedAccount>(new HiddenSnapshots(_store));
        var history = EventMix.History(Events);
        var expected = SaveAsync(NoTail, history, Events).GetAwaiter().GetResult();
        SaveAsync(Tail, history, Events - 100).GetAwaiter().GetResult();

        // The loads must rebuild the same account, and the snapshots must be where they are said to be.
        Check(expected, _fullReplay.LoadAsync(NoTail).GetAwaiter().GetResult()!);
        Check(expected, _withSnapshots.LoadAsync(NoTail).GetAwaiter().GetResult()!);
        Check(expected, _withSnapshots.LoadAsync(Tail).GetAwaiter().GetResult()!);
        Expect(NoTail, Events - 1);
        Expect(Tail, Events - 101);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _store.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _db?.Dispose();
    }

    [Benchmark(Baseline = true)]
    public Task<SnapshottedAccount?> FullReplay() => _fullReplay.LoadAsync(NoTail);

    [Benchmark]
    public Task<SnapshottedAccount?> SnapshotNoTail() => _withSnapshots.LoadAsync(NoTail);

    [Benchmark]
    public Task<SnapshottedAccount?> SnapshotTail100() => _withSnapshots.LoadAsync(Tail);

    /// <summary>Saves in batches of 100 (a snapshot each) up to <paramref name="throughRepository"/> events, the rest straight to the store (no snapshot).</summary>
    private async Task<string> SaveAsync(string id, object[] history, int throughRepository)
    {
        var account = _withSnapshots.Create(id);
        for (int i = 0; i < throughRepository; i += 100)
        {
            for (int j = i; j < i + 100; j++)
            {
                account.Record(history[j]);
            }

            await _withSnapshots.SaveAsync(account);
        }

        var rest = history[throughRepository..].Select(e => new EventData(e, Guid.NewGuid(), EventMetadata.Empty)).ToArray();
        if (rest.Length > 0)
        {
            await _store.AppendAsync(AggregateRepository<SnapshottedAccount>.StreamFor(id), ExpectedVersion.Exactly(throughRepository - 1), rest);
            foreach (var e in history[throughRepository..])
            {
                account.Record(e);
            }
        }

        return Describe(account);
    }

    private void Expect(string id, long version)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (_store.GetSnapshotAsync(AggregateRepository<SnapshottedAccount>.StreamFor(id)).GetAwaiter().GetResult()?.Version != version)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException($"No snapshot at version {version} of '{id}'.");
            }

            Thread.Sleep(10);
        }
    }

    private static void Check(string expected, SnapshottedAccount loaded)
    {
        if (Describe(loaded) != expected)
        {
            throw new InvalidOperationException($"A load rebuilt {Describe(loaded)}; the saved account was {expected}.");
        }
    }

    private static string Describe(SnapshottedAccount a) =>
        $"{a.Owner} {a.OverdraftLimit} {a.Balance} {a.InterestEarned} {a.Frozen} {a.FrozenReason} v{a.Version}";

    /// <summary>Shows the repository no snapshot, so its loads replay every event.</summary>
    private sealed class HiddenSnapshots(IEventStore inner) : IEventStore
    {
        public EventSerializer Serializer => inner.Serializer;
        public Task<AppendResult> AppendAsync(string stream, ExpectedVersion expected, IReadOnlyList<EventData> events, CancellationToken ct = default) => inner.AppendAsync(stream, expected, events, ct);
        public IAsyncEnumerable<RecordedEvent> ReadStreamAsync(string stream, StreamReadOptions options = default, CancellationToken ct = default) => inner.ReadStreamAsync(stream, options, ct);
        public IAsyncEnumerable<RecordedEvent> ReadAllAsync(GlobalPosition from, EventFilter? filter = null, CancellationToken ct = default) => inner.ReadAllAsync(from, filter, ct);
        public IAsyncEnumerable<SubscriptionMessage> SubscribeToAllAsync(GlobalPosition? after, SubscriptionOptions? options = null, CancellationToken ct = default) => inner.SubscribeToAllAsync(after, options, ct);
        public IAsyncEnumerable<RecordedEvent> SubscribeToStreamAsync(string stream, long? afterVersion, CancellationToken ct = default) => inner.SubscribeToStreamAsync(stream, afterVersion, ct);
        public Task<long> GetStreamVersionAsync(string stream, CancellationToken ct = default) => inner.GetStreamVersionAsync(stream, ct);
        public Task<GlobalPosition?> GetCheckpointAsync(string consumer, CancellationToken ct = default) => inner.GetCheckpointAsync(consumer, ct);
        public Task SetCheckpointAsync(string consumer, GlobalPosition position, CancellationToken ct = default) => inner.SetCheckpointAsync(consumer, position, ct);
        public Task DeleteCheckpointAsync(string consumer, CancellationToken ct = default) => inner.DeleteCheckpointAsync(consumer, ct);
        public Task<Snapshot?> GetSnapshotAsync(string stream, CancellationToken ct = default) => Task.FromResult<Snapshot?>(null);
        public Task SetSnapshotAsync(Snapshot snapshot, CancellationToken ct = default) => Task.CompletedTask;
        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}

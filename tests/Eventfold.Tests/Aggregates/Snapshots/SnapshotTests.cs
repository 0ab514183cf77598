using System.Text;
using Microsoft.Extensions.Time.Testing;

namespace Eventfold.Tests.Aggregates.Snapshots;

public sealed class SnapshotTests
{
    private readonly InMemoryEventStore _store = new();
    private readonly AggregateRepository<Ledger> _ledgers;

    public SnapshotTests() => _ledgers = new AggregateRepository<Ledger>(_store);

    public static TheoryData<int> Seeds() => [.. Enumerable.Range(0, 60)];

    [Theory]
    [MemberData(nameof(Seeds))]
    public Task Snapshot_plus_tail_equals_a_full_replay(int seed) =>
        SnapshotScenarios.SnapshotPlusTailEqualsFullReplayAsync(new InMemoryEventStore(), seed);

    [Fact]
    public async Task Temporal_loads_with_a_snapshot_equal_those_without()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero));
        var store = new InMemoryEventStore(new EventStoreOptions { TimeProvider = clock });

        await SnapshotScenarios.TemporalLoadsAgreeWithFullReplayAsync(store, clock.GetUtcNow, () => clock.Advance(TimeSpan.FromMinutes(1)));
    }

    [Fact]
    public async Task A_save_crossing_a_multiple_of_SnapshotEvery_writes_the_whole_state()
    {
        var ledger = _ledgers.Create("l-1");
        for (int i = 0; i < 12; i++)
        {
            ledger.Post("a", 1m, "m" + i);
        }

        await _ledgers.SaveAsync(ledger);
        await _ledgers.LastSnapshotWrite;

        var snapshot = await _store.GetSnapshotAsync("ledger-l-1");
        Assert.NotNull(snapshot);
        Assert.Equal(11, snapshot.Version);
        Assert.Equal("ledger@" + Ledger_Shape(), snapshot.StateType);
        Assert.Equal(1, snapshot.SchemaVersion);
        string json = Encoding.UTF8.GetString(snapshot.Data);
        Assert.Contains("\"_balances\":{\"a\":12}", json);
        Assert.Contains("\"Memos\":[\"m0\",", json);
        Assert.Contains("\"_postings\":12", json);
    }

    [Fact]
    public async Task A_save_that_crosses_no_multiple_writes_no_snapshot()
    {
        var ledger = _ledgers.Create("l-1");
        ledger.Post("a", 1m, null);
        await _ledgers.SaveAsync(ledger);
        await _ledgers.LastSnapshotWrite;

        Assert.Null(await _store.GetSnapshotAsync("ledger-l-1"));
    }

    [Fact]
    public async Task A_snapshot_of_another_shape_is_ignored_and_replaced()
    {
        await SaveEventsAsync("l-1", 15);
        var written = await _store.GetSnapshotAsync("ledger-l-1");
        // The same member names with other values, under another shape's hash: restoring it would be wrong.
        var foreign = written! with { StateType = "ledger@0123456789abcdef", Data = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(written.Data).Replace("\"_postings\":10", "\"_postings\":999")) };
        await _store.SetSnapshotAsync(foreign);

        var loaded = await _ledgers.LoadAsync("l-1");
        await _ledgers.LastSnapshotWrite;

        Assert.Equal(await FullReplayAsync("l-1"), loaded!.Describe());
        var replaced = await _store.GetSnapshotAsync("ledger-l-1");
        Assert.Equal(("ledger@" + Ledger_Shape(), 14L), (replaced!.StateType, replaced.Version));
    }

    [Fact]
    public async Task A_snapshot_of_another_layout_version_is_ignored()
    {
        await SaveEventsAsync("l-1", 15);
        var written = await _store.GetSnapshotAsync("ledger-l-1");
        await _store.SetSnapshotAsync(written! with { SchemaVersion = 2, Data = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(written.Data).Replace("\"_postings\":10", "\"_postings\":999")) });

        Assert.Equal(await FullReplayAsync("l-1"), (await _ledgers.LoadAsync("l-1"))!.Describe());
    }

    [Theory]
    [InlineData("{not json")]
    [InlineData("")]
    [InlineData("[]")]
    [InlineData("{\"Total\":\"ten\"}")]
    [InlineData("{\"Total\":1,\"LastMemo\":null,\"Memos\":[],\"_balances\":{},\"_postings\":1,\"Unknown\":1}")]
    [InlineData("{\"Total\":1,\"LastMemo\":null,\"Memos\":[],\"_balances\":{}}")]
    [InlineData("{\"Total\":1,\"LastMemo\":null,\"Memos\":null,\"_balances\":{},\"_postings\":1}")]
    public async Task A_corrupt_snapshot_falls_back_to_a_full_replay_and_is_replaced(string data)
    {
        await SaveEventsAsync("l-1", 15);
        var written = await _store.GetSnapshotAsync("ledger-l-1");
        await _store.SetSnapshotAsync(written! with { Data = Encoding.UTF8.GetBytes(data) });

        var loaded = await _ledgers.LoadAsync("l-1");
        await _ledgers.LastSnapshotWrite;

        Assert.Equal(await FullReplayAsync("l-1"), loaded!.Describe());
        var replaced = await _store.GetSnapshotAsync("ledger-l-1");
        Assert.Equal(14, replaced!.Version);
        Assert.Equal(await FullReplayAsync("l-1"), AggregateSnapshots<Ledger>.TryRestore("l-1", replaced, _store.Serializer.SnapshotOptions)!.Describe());
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_failing_snapshot_write_never_fails_the_save(bool throwsSynchronously)
    {
        var failing = new FailingSnapshotStore(_store, throwsSynchronously);
        var ledgers = new AggregateRepository<Ledger>(failing);
        var ledger = ledgers.Create("l-1");
        for (int i = 0; i < 25; i++)
        {
            ledger.Post("a", 1m, null);
        }

        var result = await ledgers.SaveAsync(ledger);
        await ledgers.LastSnapshotWrite;

        Assert.Equal(24, result.NextExpectedVersion);
        Assert.Equal(1, failing.Attempts);
        Assert.Empty(ledger.UncommittedEvents);
        Assert.Equal(ledger.Describe(), (await ledgers.LoadAsync("l-1"))!.Describe());
    }

    [Fact]
    public async Task A_load_at_a_version_below_the_snapshot_replays_from_the_start()
    {
        await SaveEventsAsync("l-1", 25);
        var reads = new ReadRecordingStore(_store);
        var ledgers = new AggregateRepository<Ledger>(reads);

        var below = await ledgers.LoadAtVersionAsync("l-1", 12);
        var atTheSnapshot = await ledgers.LoadAtVersionAsync("l-1", 24);

        // The one save of 25 events snapshotted at its last version, 24.
        Assert.Equal([null, 25L], reads.FromVersions);
        Assert.Equal(12, below!.Version);
        Assert.Equal(24, atTheSnapshot!.Version);
    }

    private static string Ledger_Shape() => AggregateSnapshots<Ledger>.StateType!.Split('@')[1];

    private async Task SaveEventsAsync(string id, int count)
    {
        var ledger = _ledgers.Create(id);
        for (int i = 0; i < count; i++)
        {
            ledger.Post("acc-" + (i % 3), i, i % 2 == 0 ? "m" + i : null);
        }

        await _ledgers.SaveAsync(ledger);
        await _ledgers.LastSnapshotWrite;
    }

    private async Task<string> FullReplayAsync(string id) =>
        (await new AggregateRepository<Ledger>(new NoSnapshotStore(_store)).LoadAsync(id))!.Describe();

    private sealed class FailingSnapshotStore(IEventStore inner, bool throwsSynchronously) : Eventfold.StoreConformance.DelegatingEventStore(inner)
    {
        private int _attempts;

        public int Attempts => Volatile.Read(ref _attempts);

        public override Task SetSnapshotAsync(Snapshot snapshot, CancellationToken ct = default)
        {
            Interlocked.Increment(ref _attempts);
            return throwsSynchronously ? throw new IOException("disk full") : FailLaterAsync();
        }

        private static async Task FailLaterAsync()
        {
            await Task.Yield();
            throw new IOException("disk full");
        }
    }
}

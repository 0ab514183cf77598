using System.Text;

namespace Eventfold.StoreConformance;

// Snapshotted aggregates on this store: written past SnapshotEvery, loaded as snapshot + tail, an old or
// corrupt snapshot ignored, and snapshots deleted and rebuilt after a change of aggregate code.
public abstract partial class EventStoreConformanceTests
{
    private AggregateRepository<Tally> Tallies(IEventStore? store = null) => new(store ?? Store, Options.Serializer.Registry);

    private string NewTallyId() => $"{Prefix}t{Guid.NewGuid():N}"[..30];

    [SkippableTheory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public async Task A_snapshotted_aggregate_loads_as_snapshot_plus_tail_equal_to_a_full_replay(int seed)
    {
        var random = new Random(seed);
        var reads = new StreamReadRecorder(Store);
        var tallies = Tallies(reads);
        string id = NewTallyId();
        var tally = tallies.Create(id);
        long snapshotAt = -1;
        int events = random.Next(6, 40);
        while (tally.Version + 1 < events)
        {
            long before = tally.Version;
            for (int i = random.Next(1, 8); i > 0 && tally.Version + 1 < events; i--)
            {
                RaiseRandom(tally, random);
            }

            await tallies.SaveAsync(tally);
            if ((tally.Version + 1) / 5 > (before + 1) / 5)
            {
                snapshotAt = tally.Version;
            }

            await WaitForTallySnapshotAsync(id, snapshotAt);
        }

        reads.FromVersions.Clear();
        var loaded = await tallies.LoadAsync(id);

        Assert.Equal(await FullReplayAsync(id), loaded!.Describe());
        Assert.Equal(tally.Describe(), loaded.Describe());
        Assert.Equal([snapshotAt + 1], reads.FromVersions);
        var snapshot = await Store.GetSnapshotAsync(AggregateRepository<Tally>.StreamFor(id));
        Assert.Equal(("cftally@" + ShapeOf<Tally>(), 1), (snapshot!.StateType, snapshot.SchemaVersion));
    }

    [SkippableFact]
    public async Task A_snapshot_of_another_shape_is_ignored_and_replaced_by_one_of_the_current_shape()
    {
        string id = await SaveTallyAsync(eventCount: 7);
        string stream = AggregateRepository<Tally>.StreamFor(id);
        var written = await Store.GetSnapshotAsync(stream);
        // The same members with other values, under another shape's hash: restoring it would be wrong.
        await Store.DeleteSnapshotAsync(stream);
        await Store.SetSnapshotAsync(written! with { StateType = "cftally@0123456789abcdef", Data = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(written.Data).Replace("\"Quantity\":", "\"Quantity\":9000")) });

        var loaded = await Tallies().LoadAsync(id);

        Assert.Equal(await FullReplayAsync(id), loaded!.Describe());
        await WaitUntilAsync(async () => (await Store.GetSnapshotAsync(stream))?.StateType == "cftally@" + ShapeOf<Tally>(), "the foreign snapshot is replaced");
    }

    [SkippableFact]
    public async Task A_corrupt_snapshot_falls_back_to_a_full_replay()
    {
        string id = await SaveTallyAsync(eventCount: 6);
        string stream = AggregateRepository<Tally>.StreamFor(id);
        var written = await Store.GetSnapshotAsync(stream);
        await Store.SetSnapshotAsync(written! with { Data = """{"Quantity":"not a number","#"""u8.ToArray() });

        var loaded = await Tallies().LoadAsync(id);

        Assert.Equal(await FullReplayAsync(id), loaded!.Describe());
    }

    [SkippableFact]
    public async Task A_load_at_a_version_uses_the_snapshot_only_at_or_below_that_version()
    {
        string id = await SaveTallyAsync(eventCount: 8); // saves at 2, 5 and 7: the snapshot is at 5
        var reads = new StreamReadRecorder(Store);
        var tallies = Tallies(reads);
        var fullReplay = Tallies(new SnapshotlessStore(Store));

        for (long v = 0; v <= 8; v++)
        {
            Assert.Equal((await fullReplay.LoadAtVersionAsync(id, v))!.Describe(), (await tallies.LoadAtVersionAsync(id, v))!.Describe());
        }

        Assert.Equal([null, null, null, null, null, 6L, 6L, 6L, 6L], reads.FromVersions);
    }

    [SkippableFact]
    public async Task A_deleted_aggregate_snapshot_makes_the_next_load_replay_every_event()
    {
        string id = await SaveTallyAsync(eventCount: 6);
        var reads = new StreamReadRecorder(Store);

        await Tallies().DeleteSnapshotAsync(id);
        var loaded = await Tallies(reads).LoadAsync(id);

        Assert.Null(await Store.GetSnapshotAsync(AggregateRepository<Tally>.StreamFor(id)));
        Assert.Equal([(long?)null], reads.FromVersions);
        Assert.Equal(await FullReplayAsync(id), loaded!.Describe());
    }

    [SkippableFact]
    public async Task A_rebuilt_snapshot_replaces_one_of_the_same_shape_whose_state_old_code_computed()
    {
        string id = await SaveTallyAsync(eventCount: 9);
        string stream = AggregateRepository<Tally>.StreamFor(id);
        var written = await Store.GetSnapshotAsync(stream);
        // Same shape, state an older Apply computed: the hash cannot tell, so loads would restore it.
        var stale = written! with { Data = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(written.Data).Replace("\"Quantity\":", "\"Quantity\":1000")) };
        await Store.DeleteSnapshotAsync(stream);
        await Store.SetSnapshotAsync(stale);
        string staleLoad = (await Tallies().LoadAsync(id))!.Describe();

        long? rebuiltAt = await Tallies().RebuildSnapshotAsync(id);
        var loaded = await Tallies().LoadAsync(id);

        Assert.NotEqual(await FullReplayAsync(id), staleLoad);
        Assert.Equal(8, rebuiltAt);
        Assert.Equal(await FullReplayAsync(id), loaded!.Describe());
        Assert.Null(await Tallies().RebuildSnapshotAsync(NewTallyId()));
    }

    [SkippableFact]
    public async Task Rebuilding_a_categorys_snapshots_rewrites_each_stream_with_a_snapshot_or_enough_events()
    {
        string withSnapshot = await SaveTallyAsync(eventCount: 7);
        string withoutSnapshotYet = await SaveTallyAsync(eventCount: 6);
        await Store.DeleteSnapshotAsync(AggregateRepository<Tally>.StreamFor(withoutSnapshotYet));
        string tooShort = await SaveTallyAsync(eventCount: 3);
        string foreign = await SaveTallyAsync(eventCount: 2);
        var foreignSnapshot = new Snapshot(AggregateRepository<Tally>.StreamFor(foreign), 1, "cftally-line@0123456789abcdef", 1, "{}"u8.ToArray());
        await Store.SetSnapshotAsync(foreignSnapshot);
        string stale = Encoding.UTF8.GetString((await Store.GetSnapshotAsync(AggregateRepository<Tally>.StreamFor(withSnapshot)))!.Data).Replace("\"Quantity\":", "\"Quantity\":1000");
        await Store.SetSnapshotAsync((await Store.GetSnapshotAsync(AggregateRepository<Tally>.StreamFor(withSnapshot)))! with { Data = Encoding.UTF8.GetBytes(stale) });

        var result = await Tallies().RebuildSnapshotsAsync(idPrefix: Prefix);

        Assert.Equal(new SnapshotRebuildResult(Streams: 4, Rebuilt: 2, Skipped: 1), result);
        foreach (string id in new[] { withSnapshot, withoutSnapshotYet })
        {
            var snapshot = await Store.GetSnapshotAsync(AggregateRepository<Tally>.StreamFor(id));
            Assert.Equal(await FullReplayAsync(id), (await Tallies().LoadAsync(id))!.Describe());
            Assert.Equal(await Store.GetStreamVersionAsync(AggregateRepository<Tally>.StreamFor(id)), snapshot!.Version);
        }

        Assert.Null(await Store.GetSnapshotAsync(AggregateRepository<Tally>.StreamFor(tooShort)));
        Assert.Equal(foreignSnapshot.StateType, (await Store.GetSnapshotAsync(foreignSnapshot.Stream))!.StateType);
    }

    /// <summary>Saves <paramref name="eventCount"/> events in saves of 3, waiting for the snapshot the last crossing writes.</summary>
    private async Task<string> SaveTallyAsync(int eventCount)
    {
        var tallies = Tallies();
        string id = NewTallyId();
        var tally = tallies.Create(id);
        var random = new Random(eventCount);
        long snapshotAt = -1;
        while (tally.Version + 1 < eventCount)
        {
            long before = tally.Version;
            for (int i = 0; i < 3 && tally.Version + 1 < eventCount; i++)
            {
                RaiseRandom(tally, random);
            }

            await tallies.SaveAsync(tally);
            if ((tally.Version + 1) / 5 > (before + 1) / 5)
            {
                snapshotAt = tally.Version;
            }
        }

        await WaitForTallySnapshotAsync(id, snapshotAt);

        return id;
    }

    private async Task<string> FullReplayAsync(string id) => (await Tallies(new SnapshotlessStore(Store)).LoadAsync(id))!.Describe();

    private static void RaiseRandom(Tally tally, Random random)
    {
        if (random.Next(4) == 0)
        {
            tally.Remove("sku-" + random.Next(4));
        }
        else
        {
            tally.Add("sku-" + random.Next(4), random.Next(1, 9));
        }
    }

    private static string ShapeOf<T>()
        where T : class, IEventSourced<T> => T.SnapshotShape!;

    /// <summary>Snapshots are written in the background of a save: waits until the store holds one at <paramref name="version"/>.</summary>
    private Task WaitForTallySnapshotAsync(string id, long version) =>
        version < 0
            ? Task.CompletedTask
            : WaitUntilAsync(async () => (await Store.GetSnapshotAsync(AggregateRepository<Tally>.StreamFor(id)))?.Version == version, $"a snapshot at version {version} of tally '{id}'");

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "timed out waiting for " + what);
            await Task.Delay(5);
        }
    }
}

/// <summary>A store that shows no snapshot and keeps none: loads through it replay every event.</summary>
public sealed class SnapshotlessStore(IEventStore inner) : DelegatingEventStore(inner)
{
    public override Task<Snapshot?> GetSnapshotAsync(string stream, CancellationToken ct = default) => Task.FromResult<Snapshot?>(null);

    public override Task SetSnapshotAsync(Snapshot snapshot, CancellationToken ct = default) => Task.CompletedTask;
}

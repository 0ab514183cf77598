namespace Eventfold.Tests.Aggregates.Snapshots;

/// <summary>
/// Store-independent snapshot scenarios, run by the in-memory and the SQLite tests. The expected state
/// always comes from a repository over the same events that never sees a snapshot.
/// </summary>
public static class SnapshotScenarios
{
    /// <summary>Saves a random history in random batches, then checks snapshot + tail against a full replay.</summary>
    public static async Task SnapshotPlusTailEqualsFullReplayAsync(IEventStore store, int seed)
    {
        var random = new Random(seed);
        var reads = new ReadRecordingStore(store);
        var ledgers = new AggregateRepository<Ledger>(reads);
        var fullReplay = new AggregateRepository<Ledger>(new NoSnapshotStore(store));
        string id = "seed-" + seed;

        var ledger = ledgers.Create(id);
        int events = random.Next(1, 160);
        long snapshotAt = -1;
        while (ledger.Version + 1 < events)
        {
            long before = ledger.Version;
            int batch = Math.Min(random.Next(1, 25), events - (int)ledger.Version - 1);
            for (int i = 0; i < batch; i++)
            {
                RaiseRandom(ledger, random);
            }

            await ledgers.SaveAsync(ledger);
            // A save that passes a multiple of 10 events snapshots the state at its own last version.
            if ((ledger.Version + 1) / 10 > (before + 1) / 10)
            {
                snapshotAt = ledger.Version;
            }

            await WaitForSnapshotAsync(store, id, snapshotAt);
        }

        reads.FromVersions.Clear();
        var loaded = await ledgers.LoadAsync(id);
        var expected = await fullReplay.LoadAsync(id);

        Assert.Equal(expected!.Describe(), loaded!.Describe());
        Assert.Equal(ledger.Describe(), loaded.Describe());
        Assert.Equal([snapshotAt < 0 ? null : snapshotAt + 1], reads.FromVersions);

        // Go on from the restored instance: later events apply on top of the restored state.
        RaiseRandom(loaded, random);
        RaiseRandom(loaded, random);
        await ledgers.SaveAsync(loaded);
        Assert.Equal((await fullReplay.LoadAsync(id))!.Describe(), (await ledgers.LoadAsync(id))!.Describe());
    }

    /// <summary>Loads at every version and at every save's time, with and without the snapshot.</summary>
    public static async Task TemporalLoadsAgreeWithFullReplayAsync(IEventStore store, Func<DateTimeOffset> now, Action advance)
    {
        var reads = new ReadRecordingStore(store);
        var ledgers = new AggregateRepository<Ledger>(reads);
        var fullReplay = new AggregateRepository<Ledger>(new NoSnapshotStore(store));
        var random = new Random(7);
        var ledger = ledgers.Create("temporal");
        var times = new List<DateTimeOffset>();
        for (int save = 0; save < 9; save++)
        {
            for (int i = 0; i < 4; i++)
            {
                RaiseRandom(ledger, random);
            }

            await ledgers.SaveAsync(ledger);
            times.Add(now());
            advance();
        }

        await WaitForSnapshotAsync(store, "temporal", 31);
        for (long v = 0; v <= ledger.Version + 2; v++)
        {
            Assert.Equal((await fullReplay.LoadAtVersionAsync("temporal", v))!.Describe(), (await ledgers.LoadAtVersionAsync("temporal", v))!.Describe());
        }

        reads.FromVersions.Clear();
        foreach (var t in times.Append(times[0].AddTicks(-1)).Append(now()))
        {
            Assert.Equal((await fullReplay.LoadAsOfAsync("temporal", t))?.Describe(), (await ledgers.LoadAsOfAsync("temporal", t))?.Describe());
        }

        // The snapshot at 31 (the 8th save) served the loads as of the 8th and 9th saves and of now; the rest replayed from the start.
        Assert.Equal([null, null, null, null, null, null, null, 32L, 32L, null, 32L], reads.FromVersions);
    }

    /// <summary>Snapshots are written in the background of a save: waits until the store holds one at <paramref name="version"/>.</summary>
    public static async Task WaitForSnapshotAsync(IEventStore store, string id, long version)
    {
        if (version < 0)
        {
            return;
        }

        var deadline = DateTime.UtcNow.AddSeconds(10);
        while ((await store.GetSnapshotAsync(AggregateRepository<Ledger>.StreamFor(id)))?.Version != version)
        {
            Assert.True(DateTime.UtcNow < deadline, $"no snapshot at version {version} of ledger '{id}'");
            await Task.Delay(2);
        }
    }

    private static void RaiseRandom(Ledger ledger, Random random)
    {
        string account = "acc-" + random.Next(5);
        switch (random.Next(10))
        {
            case < 6:
                ledger.Post(account, random.Next(-500, 500) / 10m, random.Next(3) == 0 ? null : "m" + random.Next(100));
                break;
            case < 8:
                ledger.Reverse(account);
                break;
            default:
                ledger.View("u" + random.Next(3));
                break;
        }
    }
}

/// <summary>A store that shows no snapshot and refuses none: loads through it replay every event.</summary>
public sealed class NoSnapshotStore(IEventStore inner) : Eventfold.StoreConformance.DelegatingEventStore(inner)
{
    public override Task<Snapshot?> GetSnapshotAsync(string stream, CancellationToken ct = default) => Task.FromResult<Snapshot?>(null);

    public override Task SetSnapshotAsync(Snapshot snapshot, CancellationToken ct = default) => Task.CompletedTask;
}

/// <summary>Records where each forwards read of a stream starts, to tell a load from a snapshot from a full replay.</summary>
public sealed class ReadRecordingStore(IEventStore inner) : Eventfold.StoreConformance.DelegatingEventStore(inner)
{
    public List<long?> FromVersions { get; } = [];

    public override IAsyncEnumerable<RecordedEvent> ReadStreamAsync(string stream, StreamReadOptions options = default, CancellationToken ct = default)
    {
        if (options.Direction == ReadDirection.Forwards && options.MaxCount is null)
        {
            lock (FromVersions)
            {
                FromVersions.Add(options.FromVersion);
            }
        }

        return base.ReadStreamAsync(stream, options, ct);
    }
}

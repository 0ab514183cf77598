using System.Collections.Concurrent;
using System.Diagnostics;

namespace Eventfold.Sqlite.Tests;

[Event("proof.written")] public sealed record ProofWritten(int Writer, int N);
[Event("proof.other")] public sealed record ProofOther(int N);

/// <summary>Counts every (stream, version) it is handed, so a duplicate or a gap shows.</summary>
[Projection("proof")]
public sealed partial class ProofProjection
{
    public ConcurrentDictionary<(string Stream, long Version), int> Seen { get; } = new();

    private void On(ProofWritten e, EventContext ctx) => Seen.AddOrUpdate((ctx.Stream, ctx.Version), 1, (_, n) => n + 1);
}

/// <summary>
/// In the style of marten #4964: many writers append concurrently (to own and shared streams, with
/// filtered-out events between) while a live projection runs; at the end the projection has seen every
/// committed event of its type exactly once. Repeated, within a time bound, so rare interleavings occur.
/// </summary>
public sealed class ProjectionProofTests
{
    [Fact]
    public async Task A_live_projection_sees_every_event_committed_by_concurrent_writers_exactly_once_on_sqlite()
    {
        var clock = Stopwatch.StartNew();
        int rounds = 0;
        while (rounds < 20 && (rounds < 3 || clock.Elapsed < TimeSpan.FromSeconds(20)))
        {
            using var db = new TempDatabase();
            await using var store = new SqliteEventStore(db.Path);
            await RunRoundAsync(store, writers: 6, perWriter: 60);
            rounds++;
        }

        Assert.True(rounds >= 3);
    }

    [Fact]
    public async Task A_live_projection_sees_every_event_committed_by_concurrent_writers_exactly_once_in_memory()
    {
        for (int round = 0; round < 20; round++)
        {
            await using var store = new InMemoryEventStore();
            await RunRoundAsync(store, writers: 8, perWriter: 100);
        }
    }

    private static async Task RunRoundAsync(IEventStore store, int writers, int perWriter)
    {
        var projection = new ProofProjection();
        // Small capacity and frequent checkpoints: reading, handling and checkpointing interleave with the appends.
        var runner = new ProjectionRunner<ProofProjection>(store, projection, new ProjectionRunnerOptions { Capacity = 4, CheckpointEveryEvents = 3, CheckpointInterval = TimeSpan.FromMilliseconds(5) });
        using var cts = new CancellationTokenSource();
        var running = runner.RunAsync(cts.Token);

        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var writing = Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
        {
            await start.Task;
            for (int n = 0; n < perWriter; n++)
            {
                // Own stream, a shared stream (appends race on it), and an event the projection filters out.
                string stream = n % 3 == 0 ? "shared-" + (n % 2) : $"writer-{w}";
                object[] batch = n % 5 == 0 ? [new ProofWritten(w, n), new ProofOther(n), new ProofWritten(w, n)] : [new ProofWritten(w, n)];
                await store.AppendAsync(stream, ExpectedVersion.Any, batch.Select(e => EventData.From(e)).ToList());
            }
        })).ToArray();
        start.SetResult();
        await Task.WhenAll(writing);

        var committed = new List<(string, long)>();
        await foreach (var e in store.ReadAllAsync(GlobalPosition.Start, EventFilter.ForEventNames("proof.written")))
        {
            committed.Add((e.Stream, e.Version));
        }

        var deadline = Stopwatch.StartNew();
        while (projection.Seen.Count < committed.Count && deadline.Elapsed < TimeSpan.FromSeconds(15))
        {
            await Task.Delay(5);
        }

        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => running);

        int expected = writers * perWriter + writers * ((perWriter + 4) / 5);
        Assert.Equal(expected, committed.Count);
        Assert.Equal(committed.Order(), projection.Seen.Keys.Order());
        Assert.All(projection.Seen, s => Assert.True(s.Value == 1, $"{s.Key} was handled {s.Value} times"));
        Assert.Equal(await LastPositionAsync(store), await store.GetCheckpointAsync(ProjectionRunner<ProofProjection>.CheckpointName));
    }

    private static async Task<GlobalPosition?> LastPositionAsync(IEventStore store)
    {
        GlobalPosition? last = null;
        await foreach (var e in store.ReadAllAsync(GlobalPosition.Start))
        {
            last = e.Position;
        }

        return last;
    }
}

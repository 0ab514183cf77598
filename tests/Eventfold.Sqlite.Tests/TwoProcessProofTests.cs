using System.Collections.Concurrent;
using System.Diagnostics;

namespace Eventfold.Sqlite.Tests;

/// <summary>The crash host's filtered-out event, declared here so the log reads without unknown names.</summary>
[Event("crashhost.noise")]
public sealed record Noise(int N);

/// <summary>Counts every (stream, version) of a counted event it is handed, so a duplicate or a gap shows.</summary>
[Projection("two-process-proof")]
public sealed partial class TwoProcessProofProjection
{
    public ConcurrentDictionary<(string Stream, long Version), int> Seen { get; } = new();

    private void On(Counted e, EventContext ctx) => Seen.AddOrUpdate((ctx.Stream, ctx.Version), 1, (_, n) => n + 1);
}

/// <summary>
/// Point 6 of the read side, across processes (marten #4964's scenario): two child processes, each with four
/// concurrent writers, and writers in the test's own process append to own and shared streams of one SQLite
/// file while a live projection runs here; at the end it has seen every committed counted event exactly once.
/// Repeated, bounded in time.
/// </summary>
public sealed class TwoProcessProofTests
{
    private const int EventsPerHost = 120;
    private const int LocalWriters = 3;
    private const int EventsPerLocalWriter = 40;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_live_projection_sees_every_event_written_by_two_processes_and_this_one_exactly_once()
    {
        var clock = Stopwatch.StartNew();
        int rounds = 0;
        while (rounds < 8 && (rounds < 3 || clock.Elapsed < TimeSpan.FromSeconds(15)))
        {
            await RunRoundAsync(rounds);
            rounds++;
        }

        Assert.True(rounds >= 3);
    }

    private static async Task RunRoundAsync(int round)
    {
        using var db = new TempDatabase();
        string goFile = Path.Combine(db.Folder, "go");
        await using var store = new SqliteEventStore(db.Path, new SqliteEventStoreOptions { BusyTimeout = TimeSpan.FromSeconds(30) });
        var projection = new TwoProcessProofProjection();
        // Small read-ahead and frequent checkpoints, so reading, handling and checkpointing interleave with the appends.
        var runner = new ProjectionRunner<TwoProcessProofProjection>(store, projection, new ProjectionRunnerOptions { Capacity = 4, CheckpointEveryEvents = 3, CheckpointInterval = TimeSpan.FromMilliseconds(5) });
        using var cts = new CancellationTokenSource();
        var running = runner.RunAsync(cts.Token);

        await using var a = CrashHostProcess.Write(db.Path, $"pa{round}", EventsPerHost, goFile);
        await using var b = CrashHostProcess.Write(db.Path, $"pb{round}", EventsPerHost, goFile);
        await Task.WhenAll(a.WaitUntilReadyAsync(Timeout), b.WaitUntilReadyAsync(Timeout));

        var local = Enumerable.Range(0, LocalWriters).Select(w => Task.Run(async () =>
        {
            while (!File.Exists(goFile))
            {
                await Task.Delay(1);
            }

            for (int n = 0; n < EventsPerLocalWriter; n++)
            {
                // The hosts write to shared-0 and shared-1 too: appends from three processes race on them.
                string stream = n % 3 == 0 ? $"shared-{n % 2}" : $"local-{w}";
                object[] batch = n % 4 == 0 ? [new Counted(n), new Noise(n)] : [new Counted(n)];
                await store.AppendAsync(stream, ExpectedVersion.Any, batch.Select(e => EventData.From(e)).ToList());
            }
        })).ToArray();
        await File.WriteAllTextAsync(goFile, "go");

        await Task.WhenAll(a.WaitForExitAsync(Timeout), b.WaitForExitAsync(Timeout), Task.WhenAll(local));
        Assert.True(a.ExitCode == 0, a.Output);
        Assert.True(b.ExitCode == 0, b.Output);

        var committed = new List<(string, long)>();
        await foreach (var e in store.ReadAllAsync(GlobalPosition.Start, EventFilter.ForEventNames("crashhost.counted")))
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

        // Each host writes its counted events plus a second one in every fifth batch (see ConcurrentWriter).
        int perHost = EventsPerHost + (EventsPerHost + 4) / 5;
        Assert.Equal(2 * perHost + LocalWriters * EventsPerLocalWriter, committed.Count);
        Assert.Equal(committed.Order(), projection.Seen.Keys.Order());
        Assert.All(projection.Seen, s => Assert.True(s.Value == 1, $"round {round}: {s.Key} was handled {s.Value} times"));
        Assert.Contains(committed, c => c.Item1 == "shared-0");
    }
}

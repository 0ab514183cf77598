using System.Diagnostics;
using Eventfold;
using Eventfold.EventStoreDb;

/// <summary>
/// Projection catch-up on a real server: a rebuild of a projection of every event type, and of one of one type
/// in ten (filtered by the server), beside the store's own read of the same events, taking turns in one run.
/// Run against a fresh server: a rebuild reads every event of these types the server holds.
/// </summary>
internal static class CatchUpBenchmark
{
    public static async Task RunAsync(string connectionString, int events)
    {
        await using var store = new EventStoreDbEventStore(connectionString);
        string prefix = $"efcatchup-{Guid.NewGuid():N}"[..18];
        for (int batch = 0; batch < events / 100; batch++)
        {
            var items = Enumerable.Range(0, 100)
                .Select(i => EventData.From(i % 10 == 0 ? new CatchUpNoted($"n-{i}") : new CatchUpPlaced($"o-{batch}", i)))
                .ToArray();
            await store.AppendAsync($"{prefix}-{batch % 1000}", ExpectedVersion.Any, items);
        }

        var both = EventFilter.ForEventNames("efbench.placed", "efbench.noted");
        Console.WriteLine($"events={events} server={connectionString}");
        Console.WriteLine($"{"round",-6}{"contender",-40}{"events",10}{"events/s",12}{"vs read",9}");
        for (int round = 1; round <= 2; round++)
        {
            var (read, readRate) = await Timed(async () =>
            {
                long n = 0;
                await foreach (var _ in store.ReadAllAsync(GlobalPosition.Start, both))
                {
                    n++;
                }

                return n;
            });
            var all = new ProjectionRunner<CountEveryEvent>(store, new CountEveryEvent());
            var (allSeen, allRate) = await Timed(async () => { await all.RebuildAsync(); return all.Projection.Count; });
            var rare = new ProjectionRunner<CountNotes>(store, new CountNotes());
            var (rareSeen, rareRate) = await Timed(async () => { await rare.RebuildAsync(); return rare.Projection.Count; });

            Console.WriteLine($"{round,-6}{"ReadAllAsync, both names (server filter)",-40}{read,10}{readRate,12:F0}{1.0,9:F2}");
            Console.WriteLine($"{round,-6}{"Projection rebuild, every event",-40}{allSeen,10}{allRate * allSeen / Math.Max(1, read),12:F0}{allRate * allSeen / Math.Max(1, read) / readRate,9:F2}");
            Console.WriteLine($"{round,-6}{"Projection rebuild, one type in ten",-40}{rareSeen,10}{rareRate * read / Math.Max(1, rareSeen),12:F0}{rareRate * read / Math.Max(1, rareSeen) / readRate,9:F2}");
        }
    }

    // The rate is of events the contender saw; the rows above turn it into log events covered per second.
    private static async Task<(long Seen, double Rate)> Timed(Func<Task<long>> work)
    {
        var clock = Stopwatch.StartNew();
        long seen = await work();
        return (seen, seen / clock.Elapsed.TotalSeconds);
    }
}

[Event("efbench.placed")] public sealed record CatchUpPlaced(string OrderId, int Line);

[Event("efbench.noted")] public sealed record CatchUpNoted(string Note);

[Projection("efbench-every-event")]
public sealed partial class CountEveryEvent : IResettable
{
    public long Count { get; private set; }

    public Task ResetAsync(CancellationToken ct)
    {
        Count = 0;
        return Task.CompletedTask;
    }

    private void On(CatchUpPlaced e) => Count++;

    private void On(CatchUpNoted e) => Count++;
}

[Projection("efbench-notes")]
public sealed partial class CountNotes : IResettable
{
    public long Count { get; private set; }

    public Task ResetAsync(CancellationToken ct)
    {
        Count = 0;
        return Task.CompletedTask;
    }

    private void On(CatchUpNoted e) => Count++;
}

using System.Collections.Concurrent;

namespace Eventfold.EventStoreDb.Tests;

[Event("esdblease.placed")] public sealed record EsdbLeasePlaced(string Order);

/// <summary>Records which runner handled each (stream, version) of this test run's streams; older runs' events on the shared server are passed over.</summary>
[Projection("esdb-lease-counts")]
public sealed partial class EsdbLeaseCounts(string runner, string run, ConcurrentDictionary<(string Stream, long Version), List<string>> handled)
{
    private void On(EsdbLeasePlaced e, EventContext ctx)
    {
        if (ctx.Stream.Contains(run, StringComparison.Ordinal))
        {
            handled.AddOrUpdate((ctx.Stream, ctx.Version), _ => [runner], (_, list) => { lock (list) { list.Add(runner); } return list; });
        }
    }
}

/// <summary>
/// Two runners of one projection, each on its own connection to a real EventStoreDB (two instances of a service):
/// the lease in the server lets one handle while the other stands by, and the second takes over, from the first's
/// fenced checkpoint, when the first stops. Skipped without EVENTFOLD_ESDB.
/// </summary>
public sealed class LeasedProjectionServerTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    private readonly ConcurrentDictionary<(string Stream, long Version), List<string>> _handled = new();
    private readonly string _run = Guid.NewGuid().ToString("N")[..8];

    [SkippableFact]
    public async Task The_second_instance_stands_by_while_the_first_holds_and_takes_over_where_it_stopped()
    {
        await using var storeA = new EventStoreDbEventStore(EsdbServer.Require());
        await using var storeB = new EventStoreDbEventStore(EsdbServer.Require());
        string stream = $"esdblease-{_run}";
        var a = Runner(storeA, $"a-{_run}");
        var b = Runner(storeB, $"b-{_run}");
        using var stopA = new CancellationTokenSource();
        using var stopB = new CancellationTokenSource();

        await AppendAsync(storeA, stream, 0, 20);
        var runningA = a.RunAsync(stopA.Token);
        await Until(() => _handled.Count == 20 && a.Lease is not null);
        var runningB = b.RunAsync(stopB.Token);
        await Until(() => b.StandingByFor == $"a-{_run}");
        await AppendAsync(storeA, stream, 20, 20);
        await Until(() => _handled.Count == 40);

        await stopA.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => runningA);
        await Until(() => b.Lease is not null);
        await AppendAsync(storeB, stream, 40, 20);
        await Until(() => _handled.Count == 60);
        await stopB.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => runningB);

        Assert.All(_handled, h => Assert.True(h.Value.Count == 1, $"{h.Key} handled by {string.Join(", ", h.Value)}"));
        Assert.All(Enumerable.Range(0, 40), v => Assert.Equal([$"a-{_run}"], _handled[(stream, v)]));
        Assert.All(Enumerable.Range(40, 20), v => Assert.Equal([$"b-{_run}"], _handled[(stream, v)]));
        Assert.Null(await storeA.GetLeaseAsync(ProjectionRunner<EsdbLeaseCounts>.Name)); // b released it when it stopped
    }

    private ProjectionRunner<EsdbLeaseCounts> Runner(IEventStore store, string owner) =>
        new(store, new EsdbLeaseCounts(owner, _run, _handled), new ProjectionRunnerOptions
        {
            CheckpointEveryEvents = 5,
            CheckpointInterval = TimeSpan.FromMilliseconds(20),
            Lease = new ProjectionLeaseOptions { Owner = owner, Duration = TimeSpan.FromSeconds(3), RetryEvery = TimeSpan.FromMilliseconds(50) },
        });

    private static async Task AppendAsync(IEventStore store, string stream, int from, int count)
    {
        for (int i = from; i < from + count; i++)
        {
            await store.AppendAsync(stream, i == 0 ? ExpectedVersion.NoStream : ExpectedVersion.Exactly(i - 1), [EventData.From(new EsdbLeasePlaced($"o{i}"))]);
        }
    }

    private static async Task Until(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(Deadline);
        while (!condition())
        {
            await Task.Delay(20, timeout.Token);
        }
    }
}

using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Time.Testing;

namespace Eventfold.Tests.Projections;

/// <summary>Counts each (runner, stream, version) it handles, shared by several runners of one projection.</summary>
[Projection("lease-counts")]
public sealed partial class LeaseCounts(string runner, ConcurrentDictionary<(string Stream, long Version), List<string>> handled)
{
    private void On(ProjPlaced e, EventContext ctx) => handled.AddOrUpdate((ctx.Stream, ctx.Version), _ => [runner], (_, list) => { lock (list) { list.Add(runner); } return list; });
}

/// <summary>
/// Two runners of one projection on one store, each with a lease: one handles, the other stands by and takes
/// over when the holder stops (release) or its lease runs out; a runner that loses its lease stops handling.
/// </summary>
public sealed class LeasedRunnerTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<(string Stream, long Version), List<string>> _handled = new();

    private ProjectionRunner<LeaseCounts> Runner(IEventStore store, string name, TimeSpan? duration = null) =>
        new(store, new LeaseCounts(name, _handled), new ProjectionRunnerOptions
        {
            CheckpointEveryEvents = 5,
            CheckpointInterval = TimeSpan.FromMilliseconds(20),
            Lease = new ProjectionLeaseOptions
            {
                Owner = name,
                Duration = duration ?? TimeSpan.FromSeconds(2),
                RetryEvery = TimeSpan.FromMilliseconds(20),
            },
        });

    [Fact]
    public async Task The_second_runner_stands_by_while_the_first_holds_and_takes_over_when_it_stops()
    {
        await using var store = new InMemoryEventStore();
        await AppendAsync(store, 0, 20);
        var a = Runner(store, "a");
        var b = Runner(store, "b");
        using var stopA = new CancellationTokenSource();
        using var stopB = new CancellationTokenSource();

        var runningA = a.RunAsync(stopA.Token);
        await Until(() => _handled.Count == 20 && a.Lease is not null);
        var runningB = b.RunAsync(stopB.Token);
        await Until(() => b.StandingByFor == "a");
        await AppendAsync(store, 20, 20);
        await Until(() => _handled.Count == 40);

        await stopA.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => runningA);
        await Until(() => b.Lease is not null);
        await AppendAsync(store, 40, 20);
        await Until(() => _handled.Count == 60);
        await stopB.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => runningB);

        Assert.All(_handled, h => Assert.True(h.Value.Count == 1, $"{h.Key} handled by {string.Join(", ", h.Value)}"));
        Assert.All(Enumerable.Range(0, 40), v => Assert.Equal(["a"], _handled[("order", v)]));
        Assert.All(Enumerable.Range(40, 20), v => Assert.Equal(["b"], _handled[("order", v)]));
        Assert.Null(await store.GetLeaseAsync("lease-counts")); // b released it when it stopped
        Assert.Equal(GlobalPosition.FromSequence(60), await store.GetCheckpointAsync(ProjectionRunner<LeaseCounts>.CheckpointName));
    }

    [Fact]
    public async Task A_runner_takes_over_a_lease_whose_holder_died_once_it_expires()
    {
        await using var store = new InMemoryEventStore();
        await AppendAsync(store, 0, 10);
        // A holder that took the lease and died without releasing it.
        var dead = await store.TryAcquireLeaseAsync("lease-counts", "dead", TimeSpan.FromSeconds(1));
        var b = Runner(store, "b");
        using var stop = new CancellationTokenSource();
        var clock = Stopwatch.StartNew();

        var running = b.RunAsync(stop.Token);
        await Until(() => b.StandingByFor == "dead");
        Assert.Empty(_handled);
        await Until(() => _handled.Count == 10);
        var waited = clock.Elapsed;
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => running);

        Assert.True(waited >= TimeSpan.FromSeconds(0.9), $"took over after {waited}, before the dead holder's lease expired");
        // b took the lease after the dead holder's token and released it when it stopped.
        Assert.Null(await store.GetLeaseAsync("lease-counts"));
        Assert.Equal(dead!.Token + 2, (await store.TryAcquireLeaseAsync("lease-counts", "probe", TimeSpan.FromSeconds(1)))!.Token);
    }

    [Fact]
    public async Task A_runner_that_loses_its_lease_stops_handling_writes_no_checkpoint_and_stands_by()
    {
        // The store's clock runs apart from the runner's, so the test can make the lease expire at will.
        var storeClock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var store = new InMemoryEventStore(new EventStoreOptions { TimeProvider = storeClock });
        await AppendAsync(store, 0, 10);
        var a = new ProjectionRunner<LeaseCounts>(store, new LeaseCounts("a", _handled), new ProjectionRunnerOptions
        {
            CheckpointEveryEvents = 1,
            Lease = new ProjectionLeaseOptions { Owner = "a", Duration = TimeSpan.FromSeconds(10), RenewEvery = TimeSpan.FromMilliseconds(50), RetryEvery = TimeSpan.FromMilliseconds(20) },
        });
        using var stop = new CancellationTokenSource();
        var running = a.RunAsync(stop.Token);
        await Until(() => _handled.Count == 10);
        await Until(async () => await store.GetCheckpointAsync(ProjectionRunner<LeaseCounts>.CheckpointName) == GlobalPosition.FromSequence(10));

        storeClock.Advance(TimeSpan.FromSeconds(11));
        var intruder = await store.TryAcquireLeaseAsync("lease-counts", "intruder", TimeSpan.FromHours(1));
        await Until(() => a.StandingByFor == "intruder");
        await AppendAsync(store, 10, 10);
        await Task.Delay(300);

        Assert.NotNull(intruder);
        Assert.Null(a.Lease);
        Assert.Equal(10, _handled.Count);
        Assert.Equal(GlobalPosition.FromSequence(10), await store.GetCheckpointAsync(ProjectionRunner<LeaseCounts>.CheckpointName));
        Assert.True(a.IsRunning);

        await store.ReleaseLeaseAsync(intruder);
        await Until(() => _handled.Count == 20);
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => running);
        Assert.All(_handled.Values, h => Assert.Equal(["a"], h));
    }

    [Fact]
    public async Task A_leased_catch_up_waits_for_the_holder_handles_under_the_lease_and_releases_it()
    {
        await using var store = new InMemoryEventStore();
        await AppendAsync(store, 0, 5);
        var holder = await store.TryAcquireLeaseAsync("lease-counts", "other", TimeSpan.FromMinutes(1));
        var runner = Runner(store, "b");

        var catchingUp = runner.CatchUpAsync();
        await Until(() => runner.StandingByFor == "other");
        Assert.Empty(_handled);
        await store.ReleaseLeaseAsync(holder!);
        await catchingUp.WaitAsync(Deadline);

        Assert.Equal(5, _handled.Count);
        Assert.Null(await store.GetLeaseAsync("lease-counts"));
        Assert.Equal(GlobalPosition.FromSequence(5), await store.GetCheckpointAsync(ProjectionRunner<LeaseCounts>.CheckpointName));
    }

    [Fact]
    public void A_leased_runner_needs_a_checkpoint_store_that_keeps_leases()
    {
        var error = Assert.Throws<ArgumentException>(() => new ProjectionRunner<LeaseCounts>(new InMemoryEventStore(), new LeaseCounts("a", _handled), new ProjectionRunnerOptions
        {
            Checkpoints = new PlainCheckpoints(),
            Lease = new ProjectionLeaseOptions(),
        }));

        Assert.Contains("keeps no leases", error.Message);
    }

    private static async Task AppendAsync(IEventStore store, int from, int count)
    {
        for (int i = from; i < from + count; i++)
        {
            await store.AppendAsync("order", ExpectedVersion.Any, [EventData.From(new ProjPlaced("o", i))]);
        }
    }

    private static Task Until(Func<bool> condition) => Until(() => Task.FromResult(condition()));

    private static async Task Until(Func<Task<bool>> condition)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            Assert.True(clock.Elapsed < Deadline, "the condition did not hold in time");
            await Task.Delay(10);
        }
    }

    private sealed class PlainCheckpoints : ICheckpointStore
    {
        public Task<GlobalPosition?> GetCheckpointAsync(string consumer, CancellationToken ct = default) => Task.FromResult<GlobalPosition?>(null);

        public Task SetCheckpointAsync(string consumer, GlobalPosition position, CancellationToken ct = default) => Task.CompletedTask;

        public Task DeleteCheckpointAsync(string consumer, CancellationToken ct = default) => Task.CompletedTask;
    }
}

using System.Collections.Concurrent;

namespace Eventfold.Tests.Projections;

[Event("dpar.tick")] public sealed record DparTick(int N);

/// <summary>
/// A projection that declares four streams at once. Its read model is each stream's versions in the order
/// applied; a re-delivered event (at or before the stream's last applied version) is ignored, as an idempotent
/// read model does, and one that would leave a gap is recorded, so a skip shows. <see cref="Before"/> lets a
/// test hold an event in flight.
/// </summary>
[Projection("declared-par", ParallelStreams = 4)]
public sealed partial class DeclaredParallelProjection
{
    private int _running;
    private int _maxRunning;

    public ConcurrentDictionary<string, List<long>> Applied { get; } = new();

    public ConcurrentBag<string> Gaps { get; } = [];

    public ConcurrentBag<GlobalPosition> Redelivered { get; } = [];

    /// <summary>Positions whose handler has finished.</summary>
    public ConcurrentDictionary<GlobalPosition, bool> Finished { get; } = new();

    public Func<EventContext, CancellationToken, Task>? Before { get; set; }

    public int MaxRunning => Volatile.Read(ref _maxRunning);

    private async Task On(DparTick e, EventContext ctx, CancellationToken ct)
    {
        int now = Interlocked.Increment(ref _running);
        try
        {
            int seen;
            while (now > (seen = Volatile.Read(ref _maxRunning)) && Interlocked.CompareExchange(ref _maxRunning, now, seen) != seen)
            {
            }

            if (Before is { } before)
            {
                await before(ctx, ct);
            }

            await Task.Delay(e.N % 3, ct);
            var versions = Applied.GetOrAdd(ctx.Stream, _ => []);
            lock (versions)
            {
                long last = versions.Count == 0 ? -1 : versions[^1];
                if (ctx.Version <= last)
                {
                    Redelivered.Add(ctx.Position);
                }
                else
                {
                    if (ctx.Version != last + 1)
                    {
                        Gaps.Add($"{ctx.Stream}: version {ctx.Version} after {last}");
                    }

                    versions.Add(ctx.Version);
                }
            }

            Finished[ctx.Position] = true;
        }
        finally
        {
            Interlocked.Decrement(ref _running);
        }
    }
}

/// <summary>
/// Keeps checkpoints in memory and checks, at every write, that every event at or before the new checkpoint
/// has been handled: the checkpoint never passes an event still in flight.
/// </summary>
internal sealed class CheckedCheckpoints(DeclaredParallelProjection projection, IReadOnlyList<GlobalPosition> events) : ICheckpointStore
{
    private readonly ConcurrentDictionary<string, GlobalPosition> _checkpoints = new();

    public ConcurrentBag<string> Violations { get; } = [];

    public int Writes;

    public Task<GlobalPosition?> GetCheckpointAsync(string consumer, CancellationToken ct = default) =>
        Task.FromResult(_checkpoints.TryGetValue(consumer, out var p) ? p : (GlobalPosition?)null);

    public Task SetCheckpointAsync(string consumer, GlobalPosition position, CancellationToken ct = default)
    {
        foreach (var e in events.TakeWhile(e => e <= position).Where(e => !projection.Finished.ContainsKey(e)))
        {
            Violations.Add($"checkpoint {position} written while {e} was not handled");
        }

        Interlocked.Increment(ref Writes);
        _checkpoints[consumer] = position;
        return Task.CompletedTask;
    }

    public Task DeleteCheckpointAsync(string consumer, CancellationToken ct = default)
    {
        _checkpoints.TryRemove(consumer, out _);
        return Task.CompletedTask;
    }
}

public sealed class DeclaredParallelStreamsTests
{
    private const int Streams = 8;
    private const int PerStream = 30;

    [Fact]
    public async Task The_runner_uses_the_declared_ParallelStreams_unless_the_options_override_it()
    {
        await using var store = await FilledStoreAsync();

        var declared = new ProjectionRunner<DeclaredParallelProjection>(store, new DeclaredParallelProjection());
        var overridden = new ProjectionRunner<DeclaredParallelProjection>(store, new DeclaredParallelProjection(), new ProjectionRunnerOptions { ParallelStreams = 1 });
        Assert.Equal(4, declared.ParallelStreams);
        Assert.Equal(1, overridden.ParallelStreams);

        await declared.CatchUpAsync();
        await store.DeleteCheckpointAsync(ProjectionRunner<DeclaredParallelProjection>.CheckpointName);
        await overridden.CatchUpAsync();

        Assert.InRange(declared.Projection.MaxRunning, 2, 4);
        Assert.Equal(1, overridden.Projection.MaxRunning);
        Assert.Throws<ArgumentOutOfRangeException>(() => new ProjectionRunner<DeclaredParallelProjection>(store, new DeclaredParallelProjection(), new ProjectionRunnerOptions { ParallelStreams = 0 }));
    }

    [Fact]
    public async Task Parallel_catch_up_keeps_each_stream_in_order_and_never_checkpoints_past_an_event_in_flight()
    {
        await using var store = await FilledStoreAsync();
        var projection = new DeclaredParallelProjection();
        var checkpoints = new CheckedCheckpoints(projection, await PositionsAsync(store));
        var runner = new ProjectionRunner<DeclaredParallelProjection>(store, projection, new ProjectionRunnerOptions { Checkpoints = checkpoints, CheckpointEveryEvents = 1, Capacity = 16 });

        await runner.CatchUpAsync();

        Assert.InRange(projection.MaxRunning, 2, 4);
        AssertComplete(projection);
        Assert.True(checkpoints.Writes > 20, $"only {checkpoints.Writes} checkpoints were written");
        Assert.Empty(checkpoints.Violations);
        Assert.Equal(GlobalPosition.FromSequence(Streams * PerStream), await checkpoints.GetCheckpointAsync(ProjectionRunner<DeclaredParallelProjection>.CheckpointName));
    }

    [Fact]
    public async Task Stopped_while_streams_are_in_flight_a_restart_ends_with_the_read_model_of_an_uninterrupted_run()
    {
        await using var store = await FilledStoreAsync();
        var positions = await PositionsAsync(store);
        var projection = new DeclaredParallelProjection();
        var checkpoints = new CheckedCheckpoints(projection, positions);
        var options = new ProjectionRunnerOptions { Checkpoints = checkpoints, CheckpointEveryEvents = 1, CheckpointInterval = TimeSpan.FromMilliseconds(5), Capacity = 16, DrainTimeout = TimeSpan.FromMilliseconds(200) };

        // Stream s-0's fourth event never finishes in the first run: it is in flight when the runner stops.
        var held = new TaskCompletionSource<GlobalPosition>(TaskCreationOptions.RunContinuationsAsynchronously);
        projection.Before = async (ctx, ct) =>
        {
            if (ctx.Stream == "s-0" && ctx.Version == 3)
            {
                held.TrySetResult(ctx.Position);
                await Task.Delay(Timeout.Infinite, ct);
            }
        };

        using var cts = new CancellationTokenSource();
        var first = new ProjectionRunner<DeclaredParallelProjection>(store, projection, options);
        var running = first.RunAsync(cts.Token);
        var heldAt = await held.Task.WaitAsync(TimeSpan.FromSeconds(10));
        // Other streams go on past the held event, as far as the read-ahead bound lets them.
        await WaitUntilAsync(() => projection.Finished.Keys.Count(p => p > heldAt) >= 10);
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => running);

        var stoppedAt = await checkpoints.GetCheckpointAsync(ProjectionRunner<DeclaredParallelProjection>.CheckpointName);
        Assert.NotNull(stoppedAt);
        Assert.True(stoppedAt < heldAt, $"the checkpoint {stoppedAt} passed the event in flight at {heldAt}");
        Assert.False(projection.Finished.ContainsKey(heldAt));
        Assert.True(projection.Finished.Count < positions.Count, "the first run handled everything: it was not stopped midway");

        projection.Before = null;
        var second = new ProjectionRunner<DeclaredParallelProjection>(store, projection, options);
        await second.CatchUpAsync();

        var uninterrupted = new DeclaredParallelProjection();
        await new ProjectionRunner<DeclaredParallelProjection>(store, uninterrupted, new ProjectionRunnerOptions { Checkpoints = new CheckedCheckpoints(uninterrupted, positions) }).CatchUpAsync();

        AssertComplete(projection);
        Assert.Equal(uninterrupted.Applied.OrderBy(s => s.Key).Select(s => (s.Key, string.Join(",", s.Value))), projection.Applied.OrderBy(s => s.Key).Select(s => (s.Key, string.Join(",", s.Value))));
        Assert.Empty(checkpoints.Violations);
        // Only events after the stored checkpoint were handed over again (at least once), none before it.
        Assert.All(projection.Redelivered, p => Assert.True(p > stoppedAt, $"{p} was re-delivered though the checkpoint {stoppedAt} covered it"));
        Assert.Contains(projection.Redelivered, p => p > heldAt);
    }

    private static void AssertComplete(DeclaredParallelProjection projection)
    {
        Assert.Empty(projection.Gaps);
        Assert.Equal(Streams, projection.Applied.Count);
        Assert.All(projection.Applied.Values, versions => Assert.Equal(Enumerable.Range(0, PerStream).Select(v => (long)v), versions));
    }

    private static async Task<InMemoryEventStore> FilledStoreAsync()
    {
        var store = new InMemoryEventStore();
        for (int n = 0; n < PerStream; n++)
        {
            for (int s = 0; s < Streams; s++)
            {
                await ProjectionRunnerTests.AppendAsync(store, $"s-{s}", new DparTick(n * Streams + s));
            }
        }

        return store;
    }

    private static async Task<IReadOnlyList<GlobalPosition>> PositionsAsync(IEventStore store)
    {
        var positions = new List<GlobalPosition>();
        await foreach (var e in store.ReadAllAsync(GlobalPosition.Start))
        {
            positions.Add(e.Position);
        }

        return positions;
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "timed out waiting");
            await Task.Delay(2);
        }
    }
}

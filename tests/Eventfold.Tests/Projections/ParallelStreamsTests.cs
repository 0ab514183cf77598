using System.Collections.Concurrent;

namespace Eventfold.Tests.Projections;

[Event("par.step")] public sealed record ParStep(int N);

/// <summary>Records each stream's versions in arrival order and how many handlers ran at once.</summary>
[Projection("par")]
public sealed partial class ParallelProjection
{
    private int _running;
    private int _maxRunning;

    public ConcurrentDictionary<string, List<long>> ByStream { get; } = new();

    public int MaxRunning => Volatile.Read(ref _maxRunning);

    private async Task On(ParStep e, EventContext ctx, CancellationToken ct)
    {
        int now = Interlocked.Increment(ref _running);
        int seen;
        while (now > (seen = Volatile.Read(ref _maxRunning)) && Interlocked.CompareExchange(ref _maxRunning, now, seen) != seen)
        {
        }

        await Task.Delay(1, ct);
        var versions = ByStream.GetOrAdd(ctx.Stream, _ => new List<long>());
        lock (versions)
        {
            versions.Add(ctx.Version);
        }

        Interlocked.Decrement(ref _running);
    }
}

public sealed class ParallelStreamsTests
{
    [Fact]
    public async Task With_parallel_streams_different_streams_run_at_once_each_in_order_and_the_checkpoint_reaches_the_end()
    {
        await using var store = new InMemoryEventStore();
        for (int n = 0; n < 20; n++)
        {
            for (int s = 0; s < 8; s++)
            {
                await ProjectionRunnerTests.AppendAsync(store, $"par-{s}", new ParStep(n));
            }
        }

        var runner = new ProjectionRunner<ParallelProjection>(store, new ParallelProjection(), new ProjectionRunnerOptions { ParallelStreams = 4, CheckpointEveryEvents = 7 });

        await runner.CatchUpAsync();

        Assert.Equal(8, runner.Projection.ByStream.Count);
        Assert.All(runner.Projection.ByStream.Values, versions => Assert.Equal(Enumerable.Range(0, 20).Select(v => (long)v), versions));
        Assert.InRange(runner.Projection.MaxRunning, 2, 4);
        Assert.Equal(GlobalPosition.FromSequence(160), await store.GetCheckpointAsync(ProjectionRunner<ParallelProjection>.CheckpointName));
    }
}

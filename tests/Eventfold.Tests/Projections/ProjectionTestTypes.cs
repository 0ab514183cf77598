namespace Eventfold.Tests.Projections;

[Event("proj.placed")] public sealed record ProjPlaced(string Order, decimal Total);
[Event("proj.shipped")] public sealed record ProjShipped(string Order);
[Event("proj.noise")] public sealed record ProjNoise(int N);
[Event("proj.flaky")] public sealed record ProjFlaky(string Order, int FailTimes);

/// <summary>A projection with state, sync and async handlers, and a handler that fails a given number of times.</summary>
[Projection("proj-totals")]
public sealed partial class ProjTotals : IResettable
{
    private readonly Dictionary<string, int> _failures = new();

    public Dictionary<string, decimal> Totals { get; } = new();

    public List<(string Stream, long Version)> Seen { get; } = new();

    public int Resets { get; private set; }

    /// <summary>When set, every flaky event fails, whatever its FailTimes.</summary>
    public bool AlwaysFail { get; set; }

    public Task ResetAsync(CancellationToken ct)
    {
        Totals.Clear();
        Seen.Clear();
        Resets++;
        return Task.CompletedTask;
    }

    private void On(ProjPlaced e, EventContext ctx)
    {
        Totals[e.Order] = Totals.GetValueOrDefault(e.Order) + e.Total;
        lock (Seen)
        {
            Seen.Add((ctx.Stream, ctx.Version));
        }
    }

    private async Task On(ProjShipped e, EventContext ctx, CancellationToken ct)
    {
        await Task.Yield();
        lock (Seen)
        {
            Seen.Add((ctx.Stream, ctx.Version));
        }
    }

    private void On(ProjFlaky e, EventContext ctx)
    {
        int failed = _failures.GetValueOrDefault(ctx.Stream + ctx.Version);
        if (AlwaysFail || failed < e.FailTimes)
        {
            _failures[ctx.Stream + ctx.Version] = failed + 1;
            throw new InvalidOperationException($"flaky failure {failed + 1}");
        }

        lock (Seen)
        {
            Seen.Add((ctx.Stream, ctx.Version));
        }
    }
}

namespace Eventfold.EventStoreDb.Tests;

[Event("esdbproj.placed")] public sealed record EsdbProjPlaced(string Order, decimal Total);

[Projection("esdb-order-totals")]
public sealed partial class EsdbOrderTotals
{
    public Dictionary<string, decimal> Totals { get; } = new();

    /// <summary>Orders whose handler fails, as a read model that is down for them would.</summary>
    public HashSet<string> FailFor { get; } = new();

    private void On(EsdbProjPlaced e)
    {
        if (FailFor.Contains(e.Order))
        {
            throw new InvalidOperationException($"read model down for {e.Order}");
        }

        Totals[e.Order] = Totals.GetValueOrDefault(e.Order) + e.Total;
    }
}

/// <summary>A projection runner on a real EventStoreDB: an event it cannot handle is parked in the server, listed, replayed or discarded.</summary>
public class ParkedProjectionServerTests
{
    private static readonly ProjectionRunnerOptions Fast = new() { RetryDelay = TimeSpan.FromMilliseconds(1), Retries = 1 };

    [SkippableFact]
    public async Task A_failing_event_is_parked_on_the_server_then_replayed_once_fixed_and_another_discarded()
    {
        await using var store = new EventStoreDbEventStore(EsdbServer.Require());
        string run = Guid.NewGuid().ToString("N")[..8];
        string replayed = $"{run}-replayed", discarded = $"{run}-discarded", handled = $"{run}-handled";
        var runner = new ProjectionRunner<EsdbOrderTotals>(store, new EsdbOrderTotals(), Fast);
        Assert.Same(store, runner.ParkedEvents);
        foreach (var leftover in await runner.ListParkedAsync())
        {
            await runner.DiscardParkedAsync(leftover.Position); // from an earlier run that failed half-way
        }

        await store.AppendAsync($"order-{replayed}", ExpectedVersion.NoStream, [EventData.From(new EsdbProjPlaced(replayed, 5m))]);
        await store.AppendAsync($"order-{discarded}", ExpectedVersion.NoStream, [EventData.From(new EsdbProjPlaced(discarded, 7m))]);
        await store.AppendAsync($"order-{handled}", ExpectedVersion.NoStream, [EventData.From(new EsdbProjPlaced(handled, 1m))]);
        runner.Projection.FailFor.UnionWith([replayed, discarded]);

        await runner.CatchUpAsync();

        var parked = await runner.ListParkedAsync();
        Assert.Equal([($"order-{replayed}", 0L, "esdbproj.placed", 2), ($"order-{discarded}", 0L, "esdbproj.placed", 2)],
            parked.Select(p => (p.Stream, p.Version, p.EventName, p.Attempts)));
        Assert.Equal($"InvalidOperationException: read model down for {replayed}", parked[0].Error);
        Assert.Equal(1m, runner.Projection.Totals[handled]);
        Assert.False(runner.Projection.Totals.ContainsKey(replayed));

        // Another process sees the same parked events in the server.
        await using (var other = new EventStoreDbEventStore(EsdbServer.Require()))
        {
            Assert.Equal(parked, await other.ListAsync(ProjectionRunner<EsdbOrderTotals>.Name));
        }

        Assert.False(await runner.ReplayParkedAsync(parked[0].Position)); // still failing: kept, one more attempt
        Assert.Equal(3, (await runner.ListParkedAsync())[0].Attempts);
        runner.Projection.FailFor.Clear();

        Assert.True(await runner.ReplayParkedAsync(parked[0].Position));
        Assert.True(await runner.DiscardParkedAsync(parked[1].Position));
        Assert.False(await runner.DiscardParkedAsync(parked[1].Position));

        Assert.Empty(await runner.ListParkedAsync());
        Assert.Equal(5m, runner.Projection.Totals[replayed]);
        Assert.False(runner.Projection.Totals.ContainsKey(discarded));
        await runner.CatchUpAsync(); // the checkpoint passed both: neither comes back
        Assert.Empty(await runner.ListParkedAsync());
        Assert.Equal(5m, runner.Projection.Totals[replayed]);
    }
}

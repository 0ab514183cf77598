using Eventfold;
using Shop.Domain;
using static Shop.ShopConsole;

namespace Shop.Tour;

/// <summary>
/// Back pressure: confirmations offered far faster than they can be sent, to each overflow policy. The elastic
/// notifier is the one the host runs (AddDispatcher); the others are made here to show each policy on its own.
/// </summary>
public sealed class BackPressureSection(ElasticNotifier hosted)
{
    private const int Offered = 60;

    public async Task RunAsync(CancellationToken ct)
    {
        Heading("A notifier fed faster than it can send: back pressure");
        await using (var waiting = new WaitingNotifier())
        {
            await FeedAsync("Wait", waiting, waiting.EnqueueAsync, () => waiting.Stats, ct);
        }

        await using (var dropping = new DroppingNotifier())
        {
            int dropped = 0;
            dropping.Configure(o => o with { OnUndelivered = _ => Interlocked.Increment(ref dropped) });
            await FeedAsync("DropOldest", dropping, dropping.EnqueueAsync, () => dropping.Stats, ct);
            Note($"  DropOldest told OnUndelivered of {dropped} dropped emails");
        }

        await using (var rejecting = new RejectingNotifier())
        {
            int refused = 0;
            await FeedAsync("Reject", rejecting, (m, _) => { if (!rejecting.TryEnqueue(m)) { refused++; } return default; }, () => rejecting.Stats, ct);
            Note($"  Reject: TryEnqueue returned false {refused} times");
        }

        await using (var droppingNewest = new DroppingNewestNotifier())
        {
            var droppedNewest = new List<string>();
            droppingNewest.Configure(o => o with { OnUndelivered = u => { lock (droppedNewest) { droppedNewest.Add(((SendConfirmation)u.Message).OrderId); } } });
            await FeedAsync("DropNewest", droppingNewest, droppingNewest.EnqueueAsync, () => droppingNewest.Stats, ct);
            Note($"  DropNewest dropped the newest waiting each time: {string.Join(", ", droppedNewest.Take(5))}, ...");
        }

        await using (var throttled = new ThrottledNotifier())
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            await FeedAsync("PerSecond 100", throttled, throttled.EnqueueAsync, () => throttled.Stats, ct);
            Note($"  PerSecond: {Offered} sent in {clock.Elapsed.TotalMilliseconds:0} ms with 4 workers, at most 100 a second");
        }

        // The host's notifier keeps running after the tour; wait for it to send what it was given instead of stopping it.
        long before = hosted.Stats.Processed;
        await FeedAsync("Elastic 1..4", null, hosted.EnqueueAsync, () => hosted.Stats, ct);
        await Eventually.HoldsAsync(() => hosted.Stats.Processed - before >= Offered, ct);
        Note($"  the host's elastic notifier sent all {hosted.Stats.Processed - before}, growing workers while its queue stayed deep");
    }

    // Offers the confirmations as fast as the policy lets the sender go, sampling depth and workers; a dispatcher
    // given here is then stopped, which drains it.
    private static async Task FeedAsync(
        string policy, IBoundedDispatcher? stopAfter, Func<SendConfirmation, CancellationToken, ValueTask> enqueue, Func<DispatcherStats> stats, CancellationToken ct)
    {
        long maxDepth = 0;
        int maxWorkers = 0;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        for (int i = 0; i < Offered; i++)
        {
            await enqueue(new SendConfirmation($"o-{i}"), ct);
            var now = stats();
            maxDepth = Math.Max(maxDepth, now.Depth);
            maxWorkers = Math.Max(maxWorkers, now.Workers);
        }

        var offered = clock.Elapsed;
        if (stopAfter is not null)
        {
            await stopAfter.StopAsync();
            var s = stats();
            Note($"{policy,-12} offered {Offered} in {offered.TotalMilliseconds,4:0} ms: depth at most {maxDepth}, workers up to {maxWorkers}; sent {s.Processed}, dropped {s.Dropped}, rejected {s.Rejected}");
        }
        else
        {
            Note($"{policy,-12} offered {Offered} in {offered.TotalMilliseconds,4:0} ms: depth at most {maxDepth}, workers up to {maxWorkers}");
        }
    }
}

namespace Eventfold.Tests.Dispatching;

/// <summary>
/// Idle workers wait one on the queue and the rest on the bench; whatever the handlers return, a message that
/// arrives while a worker is idle is taken at once, so busy handlers never hold back the idle workers.
/// </summary>
public sealed class IdleWorkerTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Each_arrival_reaches_an_idle_worker_until_every_worker_is_busy(bool synchronous)
    {
        const int workers = 4;
        using var release = new ManualResetEventSlim();
        var gate = new Gate();
        var options = new DispatcherOptions { Capacity = 16, Workers = workers };
        var (notifier, enqueue, _) = TestNotifiers.Create(synchronous, options, (_, _) => release.Wait(TimeSpan.FromSeconds(30)), (_, ct) => gate.PassAsync(ct));

        notifier.Start();
        await Eventually.True(() => notifier.Stats.Workers == workers, "workers started");
        await Task.Delay(50); // every worker idle: one on the queue, three seated

        // One at a time: each arrives while the others are busy or idle, never queued behind a busy one.
        for (int i = 0; i < workers; i++)
        {
            await enqueue(new Ping(i));
            int taken = i + 1;
            await Eventually.True(() => notifier.Stats is { InFlight: var f, Depth: 0 } && f == taken, $"message {i} taken by an idle worker", detail: () => notifier.Stats.ToString());
        }

        release.Set();
        gate.Open();
        var stopped = await notifier.StopAsync();

        Assert.True(stopped.Drained);
        Assert.Equal(workers, notifier.Stats.Processed);
    }

    [Fact]
    public async Task A_throwing_void_handler_is_counted_and_reported_and_the_workers_go_on()
    {
        const int producers = 8, perProducer = 500;
        var reported = new System.Collections.Concurrent.ConcurrentQueue<UndeliveredMessage>();
        await using var notifier = new SyncTestNotifier(
            new DispatcherOptions { Capacity = 8, Workers = 3, OnUndelivered = reported.Enqueue },
            m =>
            {
                if (m.Id % 10 == 0)
                {
                    throw new InvalidOperationException("ping " + m.Id);
                }
            });

        await Task.WhenAll(Enumerable.Range(0, producers).Select(p => Task.Run(async () =>
        {
            for (int i = 0; i < perProducer; i++)
            {
                await notifier.EnqueueAsync(new Ping((p * perProducer) + i));
            }
        })));
        await Eventually.True(() => notifier.Stats is { Depth: 0, InFlight: 0 }, "queue drained");

        var stats = notifier.Stats;
        Eventually.Balanced(stats);
        Assert.Equal((4000L, 400L, 3600L), (stats.Offered, stats.Failed, stats.Processed));
        Assert.Equal(400, reported.Count);
        Assert.All(reported, r => Assert.Equal((UndeliveredReason.HandlerFailed, "ping " + ((Ping)r.Message).Id), (r.Reason, r.Error?.Message)));
    }

    [Fact]
    public async Task Stopping_ends_seated_workers_too()
    {
        var notifier = new SyncTestNotifier(new DispatcherOptions { Capacity = 4, Workers = 4 }, _ => { });
        notifier.Start();
        await Eventually.True(() => notifier.Stats.Workers == 4, "workers started");
        await Task.Delay(50); // three of them seated

        var stopped = await notifier.StopAsync().WaitAsync(TimeSpan.FromSeconds(10));

        Assert.True(stopped.Drained);
        Assert.Equal(0, notifier.Stats.Workers);
    }
}

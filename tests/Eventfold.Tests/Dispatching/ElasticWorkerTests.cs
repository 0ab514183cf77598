using Microsoft.Extensions.Time.Testing;

namespace Eventfold.Tests.Dispatching;

public sealed class ElasticWorkerTests
{
    private static readonly ElasticWorkerOptions Timing = new()
    {
        SampleInterval = TimeSpan.FromMilliseconds(100),
        GrowAfter = TimeSpan.FromSeconds(1),
        ShrinkAfter = TimeSpan.FromSeconds(5),
        GrowAtDepth = 4,
    };

    private static void Advance(FakeTimeProvider clock, TimeSpan by)
    {
        for (var t = TimeSpan.Zero; t < by; t += Timing.SampleInterval)
        {
            clock.Advance(Timing.SampleInterval);
        }
    }

    [Fact]
    public async Task Workers_grow_while_the_queue_stays_deep_and_shrink_when_idle_one_step_per_interval()
    {
        var clock = new FakeTimeProvider();
        var gate = new Gate();
        var notifier = new TestNotifier(
            new DispatcherOptions { Capacity = 20, Workers = 1, MaxWorkers = 3, Elastic = Timing, TimeProvider = clock },
            (_, ct) => gate.PassAsync(ct));
        for (int i = 0; i < 20; i++)
        {
            await notifier.EnqueueAsync(new Ping(i));
        }

        Advance(clock, TimeSpan.FromMilliseconds(900));
        Assert.Equal(1, notifier.Stats.Workers);               // deep, but not for long enough yet
        Advance(clock, TimeSpan.FromMilliseconds(200));
        Assert.Equal(2, notifier.Stats.Workers);
        Advance(clock, TimeSpan.FromMilliseconds(900));
        Assert.Equal(2, notifier.Stats.Workers);               // the interval restarts after each change
        Advance(clock, TimeSpan.FromMilliseconds(200));
        Assert.Equal(3, notifier.Stats.Workers);
        Advance(clock, TimeSpan.FromSeconds(3));
        Assert.Equal(3, notifier.Stats.Workers);               // never past MaxWorkers

        gate.Open();
        await Eventually.True(() => notifier.Stats is { Depth: 0, InFlight: 0 }, "drained");
        Advance(clock, TimeSpan.FromMilliseconds(4900));
        Assert.Equal(3, notifier.Stats.Workers);
        Advance(clock, TimeSpan.FromMilliseconds(200));
        await Eventually.True(() => notifier.Stats.Workers == 2, "one retired");
        Advance(clock, TimeSpan.FromSeconds(5.1));
        await Eventually.True(() => notifier.Stats.Workers == 1, "another retired");
        Advance(clock, TimeSpan.FromSeconds(20));
        await Task.Delay(50);
        Assert.Equal(1, notifier.Stats.Workers);               // never below Workers

        await notifier.DisposeAsync();
        Assert.Equal(20, notifier.Stats.Processed);
    }

    [Fact]
    public async Task A_queue_that_is_deep_only_in_short_bursts_does_not_grow_the_workers()
    {
        var clock = new FakeTimeProvider();
        var permits = new SemaphoreSlim(0);
        var notifier = new TestNotifier(
            new DispatcherOptions { Capacity = 20, Workers = 1, MaxWorkers = 3, Elastic = Timing, TimeProvider = clock },
            async (_, ct) => await permits.WaitAsync(ct));

        // Deep for 0.5 s, then empty for 0.3 s, six times: deep for 3 s in all, never for a whole GrowAfter.
        for (int round = 0; round < 6; round++)
        {
            for (int i = 0; i < 5; i++)
            {
                await notifier.EnqueueAsync(new Ping(i));
            }

            await Eventually.True(() => notifier.Stats.Depth == 4, "deep");
            Advance(clock, TimeSpan.FromMilliseconds(500));
            permits.Release(5);
            await Eventually.True(() => notifier.Stats is { Depth: 0, InFlight: 0 }, "emptied");
            Advance(clock, TimeSpan.FromMilliseconds(300));
        }

        Assert.Equal(1, notifier.Stats.Workers);
        await notifier.DisposeAsync();
        Assert.Equal(30, notifier.Stats.Processed);
    }
}

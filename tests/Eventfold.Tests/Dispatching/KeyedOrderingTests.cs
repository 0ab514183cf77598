using System.Collections.Concurrent;

namespace Eventfold.Tests.Dispatching;

public sealed class KeyedOrderingTests
{
    [Theory]
    [InlineData(2)]
    [InlineData(8)]
    public async Task Messages_of_one_key_run_in_order_one_at_a_time_while_keys_run_in_parallel(int workers)
    {
        const int keys = 40, perKey = 100;
        var seen = new ConcurrentDictionary<string, List<int>>();
        var runningPerKey = new ConcurrentDictionary<string, int>();
        int running = 0, maxRunning = 0, overlapWithinKey = 0;
        var notifier = new TestNotifier(
            new DispatcherOptions { Capacity = 64, Workers = workers, Ordering = TestNotifier.ByPingKey, ParkLimit = 64 },
            async (m, _) =>
            {
                if (runningPerKey.AddOrUpdate(m.Key, 1, (_, n) => n + 1) > 1)
                {
                    Interlocked.Increment(ref overlapWithinKey);
                }

                int now = Interlocked.Increment(ref running);
                int max;
                while (now > (max = Volatile.Read(ref maxRunning)) && Interlocked.CompareExchange(ref maxRunning, now, max) != max)
                {
                }

                seen.GetOrAdd(m.Key, _ => []).Add(m.Id);   // one at a time per key: no lock needed if the rule holds
                await Task.Delay(m.Id % 10 == 0 ? 1 : 0);
                await Task.Yield();
                Interlocked.Decrement(ref running);
                runningPerKey.AddOrUpdate(m.Key, 0, (_, n) => n - 1);
            });

        // Producers interleave keys, each key's messages offered in order by one producer.
        await Task.WhenAll(Enumerable.Range(0, 4).Select(p => Task.Run(async () =>
        {
            for (int i = 0; i < perKey; i++)
            {
                for (int k = p; k < keys; k += 4)
                {
                    await notifier.EnqueueAsync(new Ping(i, $"k{k}"));
                }
            }
        })));
        var result = await notifier.StopAsync();

        Assert.True(result.Drained);
        Assert.Equal(0, overlapWithinKey);
        Assert.Equal(keys, seen.Count);
        Assert.All(seen.Values, ids => Assert.Equal(Enumerable.Range(0, perKey), ids));
        Assert.True(maxRunning > 1, $"keys never ran in parallel (max {maxRunning})");
        Assert.InRange(maxRunning, 2, workers);
        Eventually.Balanced(notifier.Stats);
    }

    [Fact]
    public async Task A_hot_key_parks_at_most_the_park_limit_and_pushes_back_on_the_producer()
    {
        var gate = new Gate();
        var notifier = new TestNotifier(
            new DispatcherOptions { Capacity = 4, Workers = 4, Ordering = TestNotifier.ByPingKey, ParkLimit = 3 },
            (_, ct) => gate.PassAsync(ct));
        await notifier.EnqueueAsync(new Ping(0, "hot"));
        await Eventually.True(() => gate.Waiting == 1, "held");

        var producer = Task.Run(async () =>
        {
            for (int i = 1; i <= 20; i++)
            {
                await notifier.EnqueueAsync(new Ping(i, "hot"));
            }
        });
        await Eventually.True(() => notifier.Stats.Depth == 7, "3 parked + 4 queued");
        await Task.Delay(100);
        Assert.Equal(7, notifier.Stats.Depth);
        Assert.False(producer.IsCompleted);

        gate.Open();
        await producer.WaitAsync(TimeSpan.FromSeconds(10));
        await notifier.DisposeAsync();
        Assert.Equal(21, notifier.Stats.Processed);
    }

    [Fact]
    public async Task A_key_that_cannot_be_read_fails_that_message_only()
    {
        var failed = new ConcurrentQueue<UndeliveredMessage>();
        int handled = 0;
        var notifier = new TestNotifier(
            new DispatcherOptions
            {
                Workers = 2, OnUndelivered = failed.Enqueue,
                Ordering = DispatcherOrdering.ByKey((in DispatchEnvelope e) => ((Ping)e.Message).Key.Length == 0 ? throw new ArgumentException("no key") : ((Ping)e.Message).Key),
            },
            (_, _) => { Interlocked.Increment(ref handled); return default; });
        await notifier.EnqueueAsync(new Ping(1, "a"));
        await notifier.EnqueueAsync(new Ping(2));
        await notifier.EnqueueAsync(new Ping(3, "b"));
        await notifier.DisposeAsync();

        Assert.Equal(2, handled);
        var f = Assert.Single(failed);
        Assert.Equal((2, UndeliveredReason.HandlerFailed), (((Ping)f.Message).Id, f.Reason));
        Assert.IsType<ArgumentException>(f.Error);
        Eventually.Balanced(notifier.Stats);
    }
}

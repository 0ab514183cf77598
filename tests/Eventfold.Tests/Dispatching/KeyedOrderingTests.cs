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

    [Theory]
    [InlineData(OverflowPolicy.Wait, 8)]
    [InlineData(OverflowPolicy.Wait, null)]       // the default park limit: Capacity
    [InlineData(OverflowPolicy.DropOldest, 8)]
    public async Task Producers_far_faster_than_the_workers_over_many_keys_keep_depth_within_capacity_plus_the_park_limit(OverflowPolicy policy, int? parkLimit)
    {
        const int capacity = 16, workers = 4, keys = 200, perKey = 20, burst = 5, producers = 4;
        int bound = capacity + (parkLimit ?? capacity);
        var seen = new ConcurrentDictionary<string, List<int>>();
        var runningPerKey = new ConcurrentDictionary<string, int>();
        int overlapWithinKey = 0;
        long maxDepth = 0;
        TestNotifier notifier = null!;
        void Sample()
        {
            long depth = notifier.Stats.Depth, max;
            while (depth > (max = Interlocked.Read(ref maxDepth)) && Interlocked.CompareExchange(ref maxDepth, depth, max) != max)
            {
            }
        }

        notifier = new TestNotifier(
            new DispatcherOptions { Capacity = capacity, Workers = workers, Overflow = policy, Ordering = TestNotifier.ByPingKey, ParkLimit = parkLimit },
            async (m, _) =>
            {
                if (runningPerKey.AddOrUpdate(m.Key, 1, (_, n) => n + 1) > 1)
                {
                    Interlocked.Increment(ref overlapWithinKey);
                }

                seen.GetOrAdd(m.Key, _ => []).Add(m.Id);
                Sample();
                await Task.Yield();   // slower than a producer's synchronous write, every time
                if (m.Id % 7 == 0)
                {
                    await Task.Delay(1);
                }

                runningPerKey.AddOrUpdate(m.Key, 0, (_, n) => n - 1);
            });

        // Each producer owns keys p, p+4, ...; it offers them in bursts of one key, so a window of the queue holds
        // few keys and the workers find them busy: messages park.
        await Task.WhenAll(Enumerable.Range(0, producers).Select(p => Task.Run(async () =>
        {
            for (int round = 0; round < perKey / burst; round++)
            {
                for (int k = p; k < keys; k += producers)
                {
                    for (int i = round * burst; i < (round + 1) * burst; i++)
                    {
                        await notifier.EnqueueAsync(new Ping(i, $"k{k}"));
                        Sample();
                    }
                }
            }
        })));
        var result = await notifier.StopAsync();

        Assert.True(result.Drained);
        // Never past the bound. Under Wait the blocked producers refill the queue at once, so parking shows beyond it;
        // under DropOldest they finish long before the workers, so only the full queue is certain.
        Assert.InRange(Interlocked.Read(ref maxDepth), policy == OverflowPolicy.Wait ? capacity + 1 : capacity, bound);
        Assert.Equal(0, overlapWithinKey);
        foreach (var ids in seen.Values)
        {
            if (policy == OverflowPolicy.Wait)
            {
                Assert.Equal(Enumerable.Range(0, perKey), ids);
            }
            else
            {
                Assert.Equal(ids.Order(), ids);   // some dropped, the rest still in order
                Assert.Equal(ids.Count, ids.Distinct().Count());
            }
        }

        var s = notifier.Stats;
        Assert.Equal(keys * perKey, s.Offered);
        Assert.Equal(policy == OverflowPolicy.Wait ? keys * perKey : s.Offered - s.Dropped, s.Processed);
        Assert.True(policy == OverflowPolicy.Wait ? s.Dropped == 0 : s.Dropped > 0, $"{s}");   // the producers did outrun the workers
        Eventually.Balanced(s);
    }
}

using System.Collections.Concurrent;

namespace Eventfold.Tests.Dispatching;

public sealed class OverflowPolicyTests
{
    /// <summary>One worker held on message 0, so the queue (capacity 3) fills with what follows.</summary>
    private static async Task<(TestNotifier Notifier, Gate Gate, ConcurrentQueue<int> Handled, ConcurrentQueue<UndeliveredMessage> Undelivered)> HeldAsync(OverflowPolicy policy)
    {
        var gate = new Gate();
        var handled = new ConcurrentQueue<int>();
        var undelivered = new ConcurrentQueue<UndeliveredMessage>();
        var notifier = new TestNotifier(
            new DispatcherOptions { Capacity = 3, Overflow = policy, OnUndelivered = undelivered.Enqueue },
            async (m, ct) =>
            {
                if (m.Id == 0)
                {
                    await gate.PassAsync(ct);
                }

                handled.Enqueue(m.Id);
            });
        await notifier.EnqueueAsync(new Ping(0));
        await Eventually.True(() => gate.Waiting == 1, "message 0 held by the worker");
        return (notifier, gate, handled, undelivered);
    }

    [Fact]
    public async Task Wait_suspends_the_producer_while_full_and_resumes_it_when_room_frees()
    {
        var (notifier, gate, handled, undelivered) = await HeldAsync(OverflowPolicy.Wait);
        for (int i = 1; i <= 3; i++)
        {
            Assert.True(notifier.EnqueueAsync(new Ping(i)).IsCompletedSuccessfully);
        }

        var suspended = notifier.EnqueueAsync(new Ping(4)).AsTask();
        await Task.Delay(100);
        Assert.False(suspended.IsCompleted);
        Assert.Equal(3, notifier.Stats.Depth);
        Assert.False(notifier.TryEnqueue(new Ping(5)));   // TryEnqueue never waits: refused, and reported

        gate.Open();
        await suspended.WaitAsync(TimeSpan.FromSeconds(10));
        await notifier.DisposeAsync();

        Assert.Equal([0, 1, 2, 3, 4], handled);
        var refused = Assert.Single(undelivered);
        Assert.Equal((5, UndeliveredReason.RejectedFull), (((Ping)refused.Message).Id, refused.Reason));
        Eventually.Balanced(notifier.Stats);
    }

    [Fact]
    public async Task A_cancelled_wait_offers_nothing()
    {
        var (notifier, gate, _, _) = await HeldAsync(OverflowPolicy.Wait);
        for (int i = 1; i <= 3; i++)
        {
            await notifier.EnqueueAsync(new Ping(i));
        }

        using var cts = new CancellationTokenSource(50);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => notifier.EnqueueAsync(new Ping(4), cts.Token).AsTask());
        gate.Open();
        await notifier.DisposeAsync();

        var s = notifier.Stats;
        Assert.Equal((4L, 4L), (s.Offered, s.Processed));
        Eventually.Balanced(s);
    }

    [Fact]
    public async Task DropOldest_drops_the_front_of_the_queue_and_names_each_dropped_message()
    {
        var (notifier, gate, handled, undelivered) = await HeldAsync(OverflowPolicy.DropOldest);
        for (int i = 1; i <= 6; i++)
        {
            Assert.True(notifier.TryEnqueue(new Ping(i)));
        }

        gate.Open();
        await notifier.DisposeAsync();

        Assert.Equal([0, 4, 5, 6], handled);
        Assert.Equal([1, 2, 3], undelivered.Select(u => ((Ping)u.Message).Id));
        Assert.All(undelivered, u => Assert.Equal(UndeliveredReason.DroppedOldest, u.Reason));
        Assert.Equal(3, notifier.Stats.Dropped);
        Eventually.Balanced(notifier.Stats);
    }

    [Fact]
    public async Task DropNewest_drops_the_back_of_the_queue_to_make_room_for_the_arrival()
    {
        var (notifier, gate, handled, undelivered) = await HeldAsync(OverflowPolicy.DropNewest);
        for (int i = 1; i <= 6; i++)
        {
            await notifier.EnqueueAsync(new Ping(i));
        }

        gate.Open();
        await notifier.DisposeAsync();

        Assert.Equal([0, 1, 2, 6], handled);
        Assert.Equal([3, 4, 5], undelivered.Select(u => ((Ping)u.Message).Id));
        Assert.All(undelivered, u => Assert.Equal(UndeliveredReason.DroppedNewest, u.Reason));
        Eventually.Balanced(notifier.Stats);
    }

    [Fact]
    public async Task Reject_refuses_the_arrival_and_keeps_the_queue()
    {
        var (notifier, gate, handled, undelivered) = await HeldAsync(OverflowPolicy.Reject);
        var accepted = new List<bool>();
        for (int i = 1; i <= 4; i++)
        {
            accepted.Add(notifier.TryEnqueue(new Ping(i)));
        }

        await notifier.EnqueueAsync(new Ping(5));   // reported, not thrown

        gate.Open();
        await notifier.DisposeAsync();

        Assert.Equal([true, true, true, false], accepted);
        Assert.Equal([0, 1, 2, 3], handled);
        Assert.Equal([4, 5], undelivered.Select(u => ((Ping)u.Message).Id));
        Assert.All(undelivered, u => Assert.Equal(UndeliveredReason.RejectedFull, u.Reason));
        Assert.Equal(2, notifier.Stats.Rejected);
        Eventually.Balanced(notifier.Stats);
    }

    [Fact]
    public async Task A_producer_far_faster_than_the_consumer_never_takes_the_depth_past_capacity()
    {
        const int capacity = 16;
        var notifier = new TestNotifier(
            new DispatcherOptions { Capacity = capacity, Workers = 2 },
            async (_, ct) => await Task.Delay(1, ct));
        long maxDepth = 0;
        using var stopSampling = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!stopSampling.IsCancellationRequested)
            {
                long depth = notifier.Stats.Depth;
                if (depth > Volatile.Read(ref maxDepth))
                {
                    Volatile.Write(ref maxDepth, depth);
                }

                await Task.Yield();
            }
        });

        for (int i = 0; i < 400; i++)
        {
            await notifier.EnqueueAsync(new Ping(i));
        }

        await stopSampling.CancelAsync();
        await sampler;
        await notifier.DisposeAsync();

        Assert.InRange(Volatile.Read(ref maxDepth), capacity / 2, capacity);
        Assert.Equal(400, notifier.Stats.Processed);
    }
}

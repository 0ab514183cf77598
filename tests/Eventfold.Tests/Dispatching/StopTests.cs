using System.Collections.Concurrent;

namespace Eventfold.Tests.Dispatching;

public sealed class StopTests
{
    [Fact]
    public async Task Dispose_stops_intake_and_drains_everything_queued()
    {
        int handled = 0;
        var notifier = new TestNotifier(new DispatcherOptions { Capacity = 200, Workers = 2 }, async (_, _) => { await Task.Yield(); Interlocked.Increment(ref handled); });
        for (int i = 0; i < 150; i++)
        {
            await notifier.EnqueueAsync(new Ping(i));
        }

        var result = await notifier.StopAsync();

        Assert.True(result.Drained);
        Assert.Empty(result.Unfinished);
        Assert.Equal(150, handled);
        Assert.Same(result, await notifier.StopAsync());   // idempotent
    }

    [Fact]
    public async Task After_stopping_offers_are_refused_and_reported()
    {
        var undelivered = new ConcurrentQueue<UndeliveredMessage>();
        var notifier = new TestNotifier(new DispatcherOptions { OnUndelivered = undelivered.Enqueue });
        notifier.Start();
        await notifier.DisposeAsync();

        Assert.False(notifier.TryEnqueue(new Ping(1)));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => notifier.EnqueueAsync(new Ping(2)).AsTask());
        Assert.Throws<ObjectDisposedException>(notifier.Start);

        Assert.Equal([1, 2], undelivered.Select(u => ((Ping)u.Message).Id));
        Assert.All(undelivered, u => Assert.Equal(UndeliveredReason.RejectedStopped, u.Reason));
        Assert.Equal(2, notifier.Stats.Rejected);
        Eventually.Balanced(notifier.Stats);
    }

    [Fact]
    public async Task A_producer_waiting_for_room_when_the_dispatcher_stops_is_refused_not_lost()
    {
        var gate = new Gate();
        var undelivered = new ConcurrentQueue<UndeliveredMessage>();
        var notifier = new TestNotifier(
            new DispatcherOptions { Capacity = 1, DrainTimeout = TimeSpan.FromSeconds(10), OnUndelivered = undelivered.Enqueue },
            (_, ct) => gate.PassAsync(ct));
        await notifier.EnqueueAsync(new Ping(0));
        await Eventually.True(() => gate.Waiting == 1, "held");
        await notifier.EnqueueAsync(new Ping(1));
        var waiting = notifier.EnqueueAsync(new Ping(2)).AsTask();

        var stopping = notifier.StopAsync();
        await Assert.ThrowsAsync<ObjectDisposedException>(() => waiting.WaitAsync(TimeSpan.FromSeconds(10)));
        gate.Open();
        var result = await stopping;

        Assert.True(result.Drained);
        Assert.Equal((2, UndeliveredReason.RejectedStopped), (((Ping)Assert.Single(undelivered).Message).Id, undelivered.Single().Reason));
        Assert.Equal(2, notifier.Stats.Processed);
        Eventually.Balanced(notifier.Stats);
    }

    [Fact]
    public async Task A_drain_that_times_out_cancels_the_handlers_and_reports_every_unfinished_message()
    {
        var undelivered = new ConcurrentQueue<UndeliveredMessage>();
        var notifier = new TestNotifier(
            new DispatcherOptions { Capacity = 10, DrainTimeout = TimeSpan.FromMilliseconds(200), OnUndelivered = undelivered.Enqueue },
            async (_, ct) => await Task.Delay(Timeout.Infinite, ct));
        for (int i = 0; i < 5; i++)
        {
            await notifier.EnqueueAsync(new Ping(i));
        }

        await Eventually.True(() => notifier.Stats.InFlight == 1, "one in flight");
        var result = await notifier.StopAsync();

        // The handler the stop cancelled did not fail: it is unfinished, like the queued ones.
        Assert.False(result.Drained);
        Assert.Equal([0, 1, 2, 3, 4], result.Unfinished.Select(m => ((Ping)m).Id));
        Assert.Equal(0, result.StillRunning);
        Assert.Equal([0, 1, 2, 3, 4], undelivered.Select(u => ((Ping)u.Message).Id));
        Assert.All(undelivered, u => Assert.Equal(UndeliveredReason.Unfinished, u.Reason));
        var s = notifier.Stats;
        Assert.Equal((5L, 0L, 0L, 0L), (s.Dropped, s.Failed, s.Processed, s.Depth));
        Eventually.Balanced(s);
    }

    /// <summary>
    /// A handler that ignores the stop's cancellation finishes after it, with messages still queued. Its worker
    /// used to go back to the queue, find it readable, take nothing because it was to leave, and go round again
    /// until the cancel grace ran out; it leaves instead, and the stop ends when the handler does.
    /// </summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_worker_whose_handler_outlives_the_hard_stop_leaves_when_it_returns(bool synchronous)
    {
        using var release = new ManualResetEventSlim();
        using var cancelled = new ManualResetEventSlim();
        var options = new DispatcherOptions { Capacity = 10, DrainTimeout = TimeSpan.FromMilliseconds(100), CancelGrace = TimeSpan.FromSeconds(20) };
        void Outlive(CancellationToken ct)
        {
            using var seen = ct.Register(cancelled.Set);
            release.Wait(TimeSpan.FromSeconds(30)); // ignores the cancellation
        }

        var (notifier, enqueue, _) = TestNotifiers.Create(synchronous, options, (_, ct) => Outlive(ct), (_, ct) => new ValueTask(Task.Run(() => Outlive(ct))));

        for (int i = 0; i < 4; i++)
        {
            await enqueue(new Ping(i));
        }

        await Eventually.True(() => notifier.Stats.InFlight == 1, "one in flight");
        var stopping = notifier.StopAsync();
        Assert.True(cancelled.Wait(TimeSpan.FromSeconds(10)), "the drain timed out and the stop cancelled the handler");
        release.Set(); // the handler, cancelled, returns only now
        var started = System.Diagnostics.Stopwatch.StartNew();
        var result = await stopping.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.True(started.Elapsed < TimeSpan.FromSeconds(10), $"the stop waited {started.Elapsed} for a worker that had nothing left to do");
        Assert.Equal([1, 2, 3], result.Unfinished.Select(m => ((Ping)m).Id));
        Assert.Equal(1, notifier.Stats.Processed);
        Eventually.Balanced(notifier.Stats);
    }

    [Fact]
    public async Task A_handler_that_throws_something_else_after_the_stop_cancelled_it_still_failed()
    {
        var undelivered = new ConcurrentQueue<UndeliveredMessage>();
        var notifier = new TestNotifier(
            new DispatcherOptions { Workers = 2, DrainTimeout = TimeSpan.FromMilliseconds(100), OnUndelivered = undelivered.Enqueue },
            async (m, ct) =>
            {
                try
                {
                    await Task.Delay(Timeout.Infinite, ct);
                }
                catch (OperationCanceledException) when (m.Id == 0)
                {
                    throw new InvalidOperationException("cleanup failed");
                }
                catch (OperationCanceledException)
                {
                    // Id 1 finishes its work regardless of the stop.
                }
            });
        await notifier.EnqueueAsync(new Ping(0));
        await notifier.EnqueueAsync(new Ping(1));
        await Eventually.True(() => notifier.Stats.InFlight == 2, "both in flight");

        var result = await notifier.StopAsync();

        Assert.Empty(result.Unfinished);
        var failed = Assert.Single(undelivered);
        Assert.Equal((0, UndeliveredReason.HandlerFailed), (((Ping)failed.Message).Id, failed.Reason));
        Assert.IsType<InvalidOperationException>(failed.Error);
        var s = notifier.Stats;
        Assert.Equal((1L, 1L, 0L), (s.Processed, s.Failed, s.Dropped));
        Eventually.Balanced(s);
    }

    [Fact]
    public async Task Stopping_a_keyed_dispatcher_reports_messages_parked_behind_a_busy_key()
    {
        var notifier = new TestNotifier(
            new DispatcherOptions { Capacity = 10, Workers = 2, Ordering = TestNotifier.ByPingKey, DrainTimeout = TimeSpan.FromMilliseconds(200) },
            async (_, ct) => await Task.Delay(Timeout.Infinite, ct));
        for (int i = 0; i < 4; i++)
        {
            await notifier.EnqueueAsync(new Ping(i, "same"));
        }

        await Eventually.True(() => notifier.Stats is { InFlight: 1, Depth: 3 }, "one running, the rest parked or queued");
        var result = await notifier.StopAsync();

        Assert.Equal([0, 1, 2, 3], result.Unfinished.Select(m => ((Ping)m).Id).Order());   // 0: cancelled by the stop, not failed
        Assert.Equal((4L, 0L), (notifier.Stats.Dropped, notifier.Stats.Failed));
        Eventually.Balanced(notifier.Stats);
    }
}

using System.Collections.Concurrent;
using System.Reflection;
using Eventfold.Generators.Tests.Infrastructure;

namespace Eventfold.Generators.Tests;

/// <summary>Generated dispatchers compiled and run: typed intake reaches the right Handle, keys keep order, policies apply.</summary>
public sealed class DispatcherRunTests
{
    private static readonly Lazy<CompiledSample> Sample = new(() => CompiledSample.Load("Eventfold.RunDispatch", DispatcherSamples.Runnable));

    private static CompiledSample S => Sample.Value;

    [Fact]
    public async Task Messages_of_two_types_reach_their_own_Handle()
    {
        Assert.Empty(S.Problems);
        var handled = new ConcurrentQueue<string>();
        var notifier = (IBoundedDispatcher)S.New("RunDispatch.TwoTypes", handled);

        for (int i = 0; i < 20; i++)
        {
            await Enqueue(notifier, S.New(i % 2 == 0 ? "RunDispatch.Email" : "RunDispatch.Sms", i));
        }

        var stopped = await notifier.StopAsync();

        Assert.True(stopped.Drained);
        Assert.Equal(Enumerable.Range(0, 20).Select(i => (i % 2 == 0 ? "email " : "sms ") + i), handled);
        Assert.Equal(20, notifier.Stats.Processed);
        Assert.Equal(20, notifier.Stats.Offered);
    }

    [Fact]
    public async Task Void_handlers_run_through_the_synchronous_loop_and_a_throwing_one_is_reported_while_the_rest_go_on()
    {
        var handled = new ConcurrentQueue<string>();
        var writer = (IBoundedDispatcher)S.New("RunDispatch.VoidHandlers", handled);
        var failed = new ConcurrentQueue<UndeliveredMessage>();
        ((IConfigurableDispatcher)writer).Configure(o => o with { OnUndelivered = failed.Enqueue });
        Assert.True(HandlesSynchronously(writer));
        Assert.False(HandlesSynchronously(S.New("RunDispatch.TwoTypes", new ConcurrentQueue<string>())));

        var expected = new List<string>();
        for (int i = 0; i < 600; i++)
        {
            // Every 50th email throws: the worker reports it and goes on with the next message.
            int id = i % 100 == 0 ? -i - 1 : i;
            await Enqueue(writer, S.New(i % 2 == 0 ? "RunDispatch.Email" : "RunDispatch.Sms", id));
            if (id >= 0)
            {
                expected.Add((i % 2 == 0 ? "email " : "sms ") + id);
            }
        }

        var stopped = await writer.StopAsync();

        Assert.True(stopped.Drained);
        Assert.Equal(expected.Order(), handled.Order());
        Assert.Equal([-1, -101, -201, -301, -401, -501], failed.Select(f => (int)f.Message.GetType().GetProperty("Id")!.GetValue(f.Message)!).Order().Reverse());
        Assert.All(failed, f => Assert.Equal(UndeliveredReason.HandlerFailed, f.Reason));
        Assert.All(failed, f => Assert.IsType<InvalidOperationException>(f.Error));
        var stats = writer.Stats;
        Assert.Equal((594L, 6L, 600L, 0L), (stats.Processed, stats.Failed, stats.Offered, stats.Depth + stats.InFlight));
    }

    [Fact]
    public async Task Messages_of_one_key_are_handled_in_order_over_eight_workers()
    {
        var seen = new ConcurrentDictionary<string, ConcurrentQueue<int>>();
        var ordered = (IBoundedDispatcher)S.New("RunDispatch.Ordered", seen);

        for (int i = 0; i < 2000; i++)
        {
            await Enqueue(ordered, S.New("RunDispatch.Keyed", "k" + (i % 16), i));
        }

        await ordered.StopAsync();

        Assert.Equal(16, seen.Count);
        Assert.All(seen.Values, sequence => Assert.Equal(sequence.Order(), sequence));
        Assert.Equal(2000, seen.Values.Sum(q => q.Count));
    }

    [Fact]
    public async Task DropOldest_through_the_generated_API_drops_the_oldest_and_reports_it()
    {
        var gate = S.New("RunDispatch.Gate");
        var handled = new ConcurrentQueue<int>();
        var dropping = (IBoundedDispatcher)S.New("RunDispatch.Dropping", gate, handled);
        var dropped = new ConcurrentQueue<UndeliveredMessage>();
        ((IConfigurableDispatcher)dropping).Configure(o => o with { OnUndelivered = dropped.Enqueue });

        Assert.True(TryEnqueue(dropping, S.New("RunDispatch.Email", -1)));          // held by the only worker
        await WaitUntil(() => (int)gate.GetType().GetField("Waiting")!.GetValue(gate)! == 1);
        for (int i = 1; i <= 5; i++)
        {
            Assert.True(TryEnqueue(dropping, S.New("RunDispatch.Email", i)));      // capacity 3: 1 and 2 are dropped
        }

        gate.GetType().GetMethod("Open")!.Invoke(gate, null);
        await dropping.StopAsync();

        Assert.Equal([-1, 3, 4, 5], handled);
        Assert.Equal([1, 2], dropped.Select(d => (int)d.Message.GetType().GetProperty("Id")!.GetValue(d.Message)!));
        Assert.All(dropped, d => Assert.Equal(UndeliveredReason.DroppedOldest, d.Reason));
        Assert.Equal(2, dropping.Stats.Dropped);
    }

    [Fact]
    public async Task Reject_through_the_generated_API_refuses_the_arrival()
    {
        var gate = S.New("RunDispatch.Gate");
        var rejecting = (IBoundedDispatcher)S.New("RunDispatch.Rejecting", gate);

        Assert.True(TryEnqueue(rejecting, S.New("RunDispatch.Email", -1)));
        await WaitUntil(() => (int)gate.GetType().GetField("Waiting")!.GetValue(gate)! == 1);
        Assert.True(TryEnqueue(rejecting, S.New("RunDispatch.Email", 1)));
        Assert.True(TryEnqueue(rejecting, S.New("RunDispatch.Email", 2)));
        Assert.False(TryEnqueue(rejecting, S.New("RunDispatch.Email", 3)));        // capacity 2: refused

        gate.GetType().GetMethod("Open")!.Invoke(gate, null);
        await rejecting.StopAsync();

        var stats = rejecting.Stats;
        Assert.Equal((3L, 1L, 4L), (stats.Processed, stats.Rejected, stats.Offered));
    }

    [Fact]
    public async Task Configure_after_first_use_is_refused_and_a_null_message_is_an_argument_error()
    {
        var notifier = (IBoundedDispatcher)S.New("RunDispatch.TwoTypes", new ConcurrentQueue<string>());
        notifier.Start();

        var late = Assert.Throws<InvalidOperationException>(() => ((IConfigurableDispatcher)notifier).Configure(o => o));
        Assert.Contains("'TwoTypes' is already in use", late.Message);
        var method = notifier.GetType().GetMethod("TryEnqueue", [S.Type("RunDispatch.Email")])!;
        var error = Assert.Throws<TargetInvocationException>(() => method.Invoke(notifier, [null]));
        Assert.IsType<ArgumentNullException>(error.InnerException);
        await notifier.DisposeAsync();
    }

    [Fact]
    public void Generated_dispatch_and_intake_allocate_nothing_beyond_the_message()
    {
        var counting = S.New("RunDispatch.Counting");
        var messages = Enumerable.Range(0, 1000).Select(i => S.New(i % 2 == 0 ? "RunDispatch.Email" : "RunDispatch.Sms", i)).ToArray();
        // The engine calls the generated struct that holds the dispatcher, not the class.
        var targetType = counting.GetType().GetNestedType("__EventfoldTarget", BindingFlags.NonPublic)!;
        var target = Activator.CreateInstance(targetType, BindingFlags.Instance | BindingFlags.Public, null, [counting], null)!;
        var measure = typeof(DispatcherRunTests).GetMethod(nameof(MeasureDispatch), BindingFlags.Static | BindingFlags.NonPublic)!
            .MakeGenericMethod(targetType);

        long allocated = (long)measure.Invoke(null, [target, messages])!;

        Assert.Equal(0, allocated);
        Assert.Equal(2 * 1500, (int)counting.GetType().GetField("Count")!.GetValue(counting)!);
    }

    [Fact]
    public async Task Steady_state_enqueue_through_the_generated_TryEnqueue_allocates_nothing()
    {
        var counting = (IBoundedDispatcher)S.New("RunDispatch.Counting");
        var messages = Enumerable.Range(0, 4000).Select(i => S.New("RunDispatch.Email", i)).ToArray();
        var email = S.Type("RunDispatch.Email");
        var tryEnqueue = counting.GetType().GetMethod("TryEnqueue", [email])!;
        var typed = Array.CreateInstance(email, messages.Length);
        messages.CopyTo(typed, 0);
        var measure = typeof(DispatcherRunTests).GetMethod(nameof(MeasureTryEnqueue), BindingFlags.Static | BindingFlags.NonPublic)!.MakeGenericMethod(email);
        var enqueue = tryEnqueue.CreateDelegate(typeof(Func<,>).MakeGenericType(email, typeof(bool)), counting);

        var warmedUp = (Task<long>)measure.Invoke(null, [enqueue, typed, counting])!;
        long queueing = await warmedUp;
        await counting.StopAsync();

        Assert.Equal(0, queueing);
        Assert.Equal(16000, counting.Stats.Processed);
    }

    private static async Task<long> MeasureTryEnqueue<TMessage>(Func<TMessage, bool> enqueue, TMessage[] messages, IBoundedDispatcher dispatcher)
    {
        // A first pass warms up the engine, the workers and the channel's buffer (it grows once, then is reused).
        foreach (var message in messages)
        {
            enqueue(message);
        }

        await WaitUntil(() => dispatcher.Stats.Processed == messages.Length);

        // The channel's buffer grows to the deepest the queue has been; a loaded machine can make a pass
        // deeper than the warm-up, so the fewest bytes of three passes is the steady state. Each pass that
        // allocated for anything else would show it.
        long fewest = long.MaxValue;
        for (int pass = 1; pass <= 3; pass++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            foreach (var message in messages)
            {
                enqueue(message);
            }

            fewest = Math.Min(fewest, GC.GetAllocatedBytesForCurrentThread() - before);
            await WaitUntil(() => dispatcher.Stats.Processed == (pass + 1) * messages.Length);
        }

        return fewest;
    }

    // Calls the generated static DispatchAsync on this thread, twice over: the first pass warms up.
    private static long MeasureDispatch<T>(T target, object[] messages)
        where T : IDispatchTarget<T>
    {
        var envelopes = messages.Select((m, i) => new DispatchEnvelope(m, i % 2)).ToArray();
        Dispatch(target, envelopes);
        long before = GC.GetAllocatedBytesForCurrentThread();
        Dispatch(target, envelopes);
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }

    private static void Dispatch<T>(T target, DispatchEnvelope[] envelopes)
        where T : IDispatchTarget<T>
    {
        foreach (var envelope in envelopes)
        {
            var task = T.DispatchAsync(target, in envelope, CancellationToken.None);
            task.GetAwaiter().GetResult();
        }
    }

    // The generated target's HandlesSynchronously, read as the engine reads it.
    private static bool HandlesSynchronously(object dispatcher)
    {
        var targetType = dispatcher.GetType().GetNestedType("__EventfoldTarget", BindingFlags.NonPublic)!;
        var read = typeof(DispatcherRunTests).GetMethod(nameof(ReadHandlesSynchronously), BindingFlags.Static | BindingFlags.NonPublic)!.MakeGenericMethod(targetType);
        return (bool)read.Invoke(null, null)!;
    }

    private static bool ReadHandlesSynchronously<T>()
        where T : IDispatchTarget<T> => T.HandlesSynchronously;

    private static ValueTask Enqueue(object dispatcher, object message) =>
        (ValueTask)dispatcher.GetType().GetMethod("EnqueueAsync", [message.GetType(), typeof(CancellationToken)])!.Invoke(dispatcher, [message, CancellationToken.None])!;

    private static bool TryEnqueue(object dispatcher, object message) =>
        (bool)dispatcher.GetType().GetMethod("TryEnqueue", [message.GetType()])!.Invoke(dispatcher, [message])!;

    private static async Task WaitUntil(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "timed out waiting");
            await Task.Delay(5);
        }
    }
}

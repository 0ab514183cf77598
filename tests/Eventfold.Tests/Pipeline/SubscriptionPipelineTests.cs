using System.Collections.Concurrent;
using Eventfold.StoreConformance;
using Eventfold.Tests.Dispatching;

namespace Eventfold.Tests.Pipeline;

public sealed class SubscriptionPipelineTests
{
    [Fact]
    public async Task A_slow_handler_over_a_large_log_keeps_reading_within_capacity_plus_workers_and_each_stream_in_order()
    {
        const int capacity = 16, workers = 2, events = 4000;
        await using var inner = PipelineStores.NewStore();
        var store = new CountingStore(inner);
        await PipelineStores.FillAsync(store, events, streams: 8);
        long handled = 0, maxAhead = 0;
        var perStream = new ConcurrentDictionary<string, List<long>>();
        var pipeline = new SubscriptionPipeline(store, "slow", async (e, _) =>
        {
            long ahead = store.Yielded - Interlocked.Read(ref handled);
            long max;
            while (ahead > (max = Interlocked.Read(ref maxAhead)) && Interlocked.CompareExchange(ref maxAhead, ahead, max) != max)
            {
            }

            perStream.GetOrAdd(e.Stream, _ => []).Add(e.Version);
            if (e.Version % 50 == 0)
            {
                await Task.Delay(1);
            }

            Interlocked.Increment(ref handled);
        }, options: new SubscriptionPipelineOptions { Capacity = capacity, Workers = workers, CheckpointEveryEvents = 500 });

        await pipeline.CatchUpAsync();

        Assert.Equal(events, handled);
        Assert.InRange(maxAhead, capacity / 2, capacity + workers);   // it did read ahead, never further than the bound
        Assert.All(perStream.Values, versions => Assert.Equal(Enumerable.Range(0, versions.Count).Select(v => (long)v), versions));
        Assert.Equal(GlobalPosition.FromSequence(events), await store.GetCheckpointAsync("slow"));
    }

    [Fact]
    public async Task The_checkpoint_never_passes_an_event_still_in_flight_on_another_worker()
    {
        await using var store = PipelineStores.NewStore();
        await store.AppendAsync("cart-slow", ExpectedVersion.NoStream, [new ItemAdded("slow", 1)]);
        for (int s = 0; s < 4; s++)
        {
            await store.AppendAsync($"cart-{s}", ExpectedVersion.NoStream, Enumerable.Range(0, 10).Select(i => (object)new ItemAdded($"{s}", i)).ToArray());
        }

        var gate = new Gate();
        int handled = 0;
        var pipeline = new SubscriptionPipeline(store, "parallel", async (e, ct) =>
        {
            if (e.Stream == "cart-slow")
            {
                await gate.PassAsync(ct);
            }

            Interlocked.Increment(ref handled);
        }, options: new SubscriptionPipelineOptions { Capacity = 64, Workers = 4, CheckpointEveryEvents = 1, CheckpointInterval = TimeSpan.FromMilliseconds(10) });

        using var cts = new CancellationTokenSource();
        var running = pipeline.RunAsync(cts.Token);
        await Eventually.True(() => Volatile.Read(ref handled) == 40 && gate.Waiting == 1, "every other stream handled, the first event held");
        await Task.Delay(100);   // many commit chances

        Assert.Null(await store.GetCheckpointAsync("parallel"));   // the first event of the log is still in flight

        gate.Open();
        await Eventually.True(() => store.GetCheckpointAsync("parallel").Result == GlobalPosition.FromSequence(41), "checkpoint at the end once it is handled");
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => running);
    }

    [Fact]
    public async Task A_consumer_stopped_between_handling_and_checkpointing_redelivers_from_the_last_checkpoint_and_skips_nothing()
    {
        await using var store = PipelineStores.NewStore();
        var log = await PipelineStores.FillAsync(store, 1000, streams: 4);
        var firstRun = new ConcurrentBag<GlobalPosition>();
        var crashing = new CrashingCheckpoints(store, savesBeforeCrash: 1);
        var options = new SubscriptionPipelineOptions { Capacity = 32, Workers = 3, CheckpointEveryEvents = 100, CheckpointInterval = TimeSpan.FromHours(1) };

        // The event at 500 waits for the one checkpoint that gets saved, so it is saved mid-log however loaded the
        // machine is (otherwise a slow committer could save the end first, and nothing would be redelivered).
        async ValueTask Handle(RecordedEvent e)
        {
            if (e.Position == GlobalPosition.FromSequence(500))
            {
                using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
                while (crashing.Saved.Count == 0)
                {
                    await Task.Delay(1, deadline.Token);
                }
            }

            firstRun.Add(e.Position);
        }

        await new SubscriptionPipeline(store, "crashy", (e, _) => Handle(e), options: options, checkpoints: crashing).CatchUpAsync();

        Assert.Equal(1000, firstRun.Count);
        var lastSaved = crashing.Saved.Max();
        Assert.Equal(lastSaved, await store.GetCheckpointAsync("crashy"));
        Assert.True(lastSaved < GlobalPosition.FromSequence(500));

        var secondRun = new ConcurrentBag<GlobalPosition>();
        await new SubscriptionPipeline(store, "crashy", (e, _) => { secondRun.Add(e.Position); return default; }, options: options).CatchUpAsync();

        // Exactly the events after the checkpoint come again: none before it, none missing.
        var expected = Enumerable.Range(1, 1000).Select(i => GlobalPosition.FromSequence(i)).Where(p => p > lastSaved);
        Assert.Equal(expected, secondRun.Order());
        Assert.Equal(GlobalPosition.FromSequence(1000), await store.GetCheckpointAsync("crashy"));
        Assert.Equal(1000, log.Count);
    }

    [Fact]
    public async Task A_poison_event_goes_to_the_poison_handler_in_its_streams_order_and_is_checkpointed_after()
    {
        await using var store = PipelineStores.NewStore();
        var badId = Guid.NewGuid();
        await store.AppendAsync("cart-1", ExpectedVersion.NoStream, [
            EventData.From(new ItemAdded("a", 1)),
            new EventData(RawEvent.FromJson("conformance.item-added", 1, "{not json"), badId, EventMetadata.Empty),
            EventData.From(new ItemAdded("b", 2)),
        ]);
        var seen = new ConcurrentQueue<string>();
        var pipeline = new SubscriptionPipeline(
            store, "poison",
            (e, _) => { seen.Enqueue($"event {e.Version}"); return default; },
            (p, _) => { seen.Enqueue($"poison {p.Version} {p.EventId == badId}"); return default; },
            new SubscriptionPipelineOptions { Workers = 2 });

        await pipeline.CatchUpAsync();

        Assert.Equal(["event 0", "poison 1 True", "event 2"], seen);
        Assert.Equal(GlobalPosition.FromSequence(3), await store.GetCheckpointAsync("poison"));
    }

    [Fact]
    public async Task Without_a_poison_handler_a_poison_event_stops_the_pipeline_before_it()
    {
        await using var store = PipelineStores.NewStore();
        await store.AppendAsync("cart-1", ExpectedVersion.NoStream, [
            EventData.From(new ItemAdded("a", 1)),
            new EventData(RawEvent.FromJson("conformance.item-added", 1, "{not json"), Guid.NewGuid(), EventMetadata.Empty),
            EventData.From(new ItemAdded("b", 2)),
        ]);
        var seen = new ConcurrentQueue<long>();

        var ex = await Assert.ThrowsAsync<EventDeserializationException>(() =>
            new SubscriptionPipeline(store, "strict", (e, _) => { seen.Enqueue(e.Version); return default; }).CatchUpAsync());

        Assert.Contains("cart-1", ex.Message);
        Assert.Equal([0L], seen);
        Assert.Equal(GlobalPosition.FromSequence(1), await store.GetCheckpointAsync("strict"));
    }

    [Fact]
    public async Task A_failing_handler_stops_the_pipeline_with_the_checkpoint_before_the_event_so_the_next_run_retries_it()
    {
        await using var store = PipelineStores.NewStore();
        await PipelineStores.FillAsync(store, 100, streams: 2, batch: 10);
        bool fail = true;
        var handled = new ConcurrentBag<GlobalPosition>();
        var options = new SubscriptionPipelineOptions { Workers = 2, CheckpointEveryEvents = 1 };
        ValueTask Handle(RecordedEvent e, CancellationToken ct)
        {
            if (fail && e.Position == GlobalPosition.FromSequence(57))
            {
                throw new InvalidOperationException("read model down");
            }

            handled.Add(e.Position);
            return default;
        }

        var ex = await Assert.ThrowsAsync<PipelineHandlerFailedException>(() => new SubscriptionPipeline(store, "failing", Handle, options: options).CatchUpAsync());
        Assert.Equal(GlobalPosition.FromSequence(57), ex.Position);
        Assert.Contains("read model down", ex.Message);
        var checkpoint = await store.GetCheckpointAsync("failing");
        Assert.True(checkpoint < GlobalPosition.FromSequence(57), $"checkpoint {checkpoint}");

        fail = false;
        await new SubscriptionPipeline(store, "failing", Handle, options: options).CatchUpAsync();
        Assert.Contains(GlobalPosition.FromSequence(57), handled);
        Assert.Equal(GlobalPosition.FromSequence(100), await store.GetCheckpointAsync("failing"));
    }

    [Fact]
    public async Task A_filtered_subscription_checkpoints_past_the_events_it_skipped()
    {
        await using var store = PipelineStores.NewStore();
        await store.AppendAsync("cart-1", ExpectedVersion.NoStream, [new ItemAdded("a", 1)]);
        await store.AppendAsync("other-1", ExpectedVersion.NoStream, [new ItemAdded("x", 1), new ItemAdded("y", 1)]);
        int handled = 0;

        await new SubscriptionPipeline(store, "filtered", (_, _) => { handled++; return default; },
            options: new SubscriptionPipelineOptions { Subscription = SubscriptionOptions.For(EventFilter.ForStreamPrefixes("cart-")) }).CatchUpAsync();

        Assert.Equal(1, handled);
        Assert.Equal(GlobalPosition.FromSequence(3), await store.GetCheckpointAsync("filtered"));
    }

    [Fact]
    public async Task Checkpoints_are_stored_on_the_clock_when_fewer_events_than_the_count_arrive()
    {
        await using var store = PipelineStores.NewStore();
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider();
        int handled = 0;
        using var cts = new CancellationTokenSource();
        var running = new SubscriptionPipeline(store, "timed", (_, _) => { Interlocked.Increment(ref handled); return default; },
            options: new SubscriptionPipelineOptions { CheckpointEveryEvents = 1000, CheckpointInterval = TimeSpan.FromSeconds(5), TimeProvider = clock }).RunAsync(cts.Token);
        await store.AppendAsync("cart-1", ExpectedVersion.NoStream, [new ItemAdded("a", 1), new ItemAdded("b", 1)]);
        await Eventually.True(() => Volatile.Read(ref handled) == 2, "handled");

        await Task.Delay(50);
        Assert.Null(await store.GetCheckpointAsync("timed"));
        clock.Advance(TimeSpan.FromSeconds(5));
        await Eventually.True(() => store.GetCheckpointAsync("timed").Result == GlobalPosition.FromSequence(2), "stored on the clock");

        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => running);
    }

    [Fact]
    public async Task A_handler_cancelled_by_stopping_the_run_is_not_a_failure_and_is_handled_again_next_run()
    {
        await using var store = PipelineStores.NewStore();
        await PipelineStores.FillAsync(store, 10, streams: 2, batch: 5);
        var gate = new Gate();
        var options = new SubscriptionPipelineOptions { Workers = 2, CheckpointEveryEvents = 1, DrainTimeout = TimeSpan.FromMilliseconds(100) };
        var firstRun = new ConcurrentBag<GlobalPosition>();
        var pipeline = new SubscriptionPipeline(store, "stopped", async (e, ct) =>
        {
            if (e.Position == GlobalPosition.FromSequence(3))
            {
                await gate.PassAsync(ct);   // held until the stop's drain times out and cancels it
            }

            firstRun.Add(e.Position);
        }, options: options);

        using var cts = new CancellationTokenSource();
        var running = pipeline.RunAsync(cts.Token);
        await Eventually.True(() => gate.Waiting == 1 && firstRun.Count == 7, "the held event in flight, its stream's later ones parked, the other stream handled");
        await cts.CancelAsync();

        // Stopped, not failed: the caller asked for it, and the cancelled handler did nothing wrong.
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => running);
        Assert.Equal(new ulong[] { 1, 2, 6, 7, 8, 9, 10 }, firstRun.Select(p => p.Commit).Order());
        var checkpoint = await store.GetCheckpointAsync("stopped");
        Assert.Equal(GlobalPosition.FromSequence(2), checkpoint);   // before the unfinished event

        var secondRun = new ConcurrentBag<GlobalPosition>();
        await new SubscriptionPipeline(store, "stopped", (e, _) => { secondRun.Add(e.Position); return default; }, options: options).CatchUpAsync();
        Assert.Equal(Enumerable.Range(3, 8).Select(i => GlobalPosition.FromSequence(i)), secondRun.Order());
        Assert.Equal(GlobalPosition.FromSequence(10), await store.GetCheckpointAsync("stopped"));
    }

    [Fact]
    public async Task Catching_up_waits_for_a_handler_slower_than_the_drain_timeout_instead_of_cancelling_it()
    {
        await using var store = PipelineStores.NewStore();
        await PipelineStores.FillAsync(store, 20, streams: 2, batch: 5);
        int handled = 0;
        var pipeline = new SubscriptionPipeline(store, "slow-end", async (e, ct) =>
        {
            if (e.Position == GlobalPosition.FromSequence(20))
            {
                await Task.Delay(300, ct);   // longer than the drain timeout: the catch-up is not stopping, so it waits
            }

            Interlocked.Increment(ref handled);
        }, options: new SubscriptionPipelineOptions { Workers = 2, DrainTimeout = TimeSpan.FromMilliseconds(20) });

        await pipeline.CatchUpAsync();

        Assert.Equal(20, handled);
        Assert.Equal(GlobalPosition.FromSequence(20), await store.GetCheckpointAsync("slow-end"));
    }

    [Fact]
    public async Task A_handler_cancelled_when_the_drain_times_out_ends_the_run_cancelled_and_its_event_is_handled_next_run()
    {
        await using var store = PipelineStores.NewStore();
        await store.AppendAsync("cart-1", ExpectedVersion.NoStream, [new ItemAdded("a", 1), new ItemAdded("b", 1)]);
        bool hang = true;
        var handled = new ConcurrentQueue<long>();
        async ValueTask Handle(RecordedEvent e, CancellationToken ct)
        {
            if (hang && e.Version == 1)
            {
                await Task.Delay(Timeout.Infinite, ct);
            }

            handled.Enqueue(e.Version);
        }

        var options = new SubscriptionPipelineOptions { CheckpointEveryEvents = 1, DrainTimeout = TimeSpan.FromMilliseconds(50) };
        using var cts = new CancellationTokenSource();
        var running = new SubscriptionPipeline(store, "hanging", Handle, options: options).RunAsync(cts.Token);
        await Eventually.True(() => handled.Count == 1, "the first event handled");
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => running);
        Assert.Equal(GlobalPosition.FromSequence(1), await store.GetCheckpointAsync("hanging"));
        hang = false;
        await new SubscriptionPipeline(store, "hanging", Handle, options: options).CatchUpAsync();
        Assert.Equal([0L, 1L], handled);
    }
}

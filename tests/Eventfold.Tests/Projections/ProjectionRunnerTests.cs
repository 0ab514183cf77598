using Eventfold.Tests.Pipeline;

namespace Eventfold.Tests.Projections;

public sealed class ProjectionRunnerTests
{
    private static readonly ProjectionRunnerOptions Fast = new() { RetryDelay = TimeSpan.FromMilliseconds(1) };

    [Fact]
    public async Task Catch_up_handles_every_handled_event_in_order_and_stores_the_checkpoint()
    {
        await using var store = new InMemoryEventStore();
        await AppendAsync(store, "order-1", new ProjPlaced("1", 10m), new ProjShipped("1"));
        await AppendAsync(store, "order-2", new ProjPlaced("2", 5m), new ProjPlaced("2", 1m));
        var runner = new ProjectionRunner<ProjTotals>(store, new ProjTotals(), Fast);

        await runner.CatchUpAsync();

        Assert.Equal([("order-1", 0L), ("order-1", 1L), ("order-2", 0L), ("order-2", 1L)], runner.Projection.Seen);
        Assert.Equal(6m, runner.Projection.Totals["2"]);
        Assert.Equal("projection:proj-totals", ProjectionRunner<ProjTotals>.CheckpointName);
        Assert.Equal(GlobalPosition.FromSequence(4), await store.GetCheckpointAsync("projection:proj-totals"));
    }

    [Fact]
    public async Task Unhandled_events_are_filtered_by_the_store_and_the_checkpoint_moves_past_them()
    {
        await using var inner = new InMemoryEventStore();
        await AppendAsync(inner, "order-1", new ProjPlaced("1", 10m));
        for (int i = 0; i < 50; i++)
        {
            await AppendAsync(inner, "noise-" + i, new ProjNoise(i));
        }

        var store = new CountingStore(inner);
        var runner = new ProjectionRunner<ProjTotals>(store, new ProjTotals(), Fast with { ParkedEvents = new InMemoryParkedEventStore() });

        await runner.CatchUpAsync();

        // Only the handled event left the store; the 50 others were neither delivered nor deserialized.
        Assert.Equal(1, store.Yielded);
        Assert.Equal(["proj.flaky", "proj.placed", "proj.shipped"], ProjectionRunner<ProjTotals>.HandledEventNames);
        Assert.Equal(GlobalPosition.FromSequence(51), await inner.GetCheckpointAsync(ProjectionRunner<ProjTotals>.CheckpointName));
    }

    [Fact]
    public async Task A_second_catch_up_resumes_after_the_checkpoint()
    {
        await using var store = new InMemoryEventStore();
        await AppendAsync(store, "order-1", new ProjPlaced("1", 10m));
        var projection = new ProjTotals();
        await new ProjectionRunner<ProjTotals>(store, projection, Fast).CatchUpAsync();
        await AppendAsync(store, "order-1", new ProjPlaced("1", 1m));

        await new ProjectionRunner<ProjTotals>(store, projection, Fast).CatchUpAsync();

        Assert.Equal([("order-1", 0L), ("order-1", 1L)], projection.Seen);
    }

    [Fact]
    public async Task Run_follows_live_appends_and_saves_the_checkpoint_when_cancelled()
    {
        await using var store = new InMemoryEventStore();
        await AppendAsync(store, "order-1", new ProjPlaced("1", 1m));
        var runner = new ProjectionRunner<ProjTotals>(store, new ProjTotals(), Fast with { CheckpointInterval = TimeSpan.FromMinutes(5), CheckpointEveryEvents = 1000 });
        using var cts = new CancellationTokenSource();
        var running = runner.RunAsync(cts.Token);

        await AppendAsync(store, "order-2", new ProjPlaced("2", 2m));
        await AppendAsync(store, "order-3", new ProjShipped("3"));
        await WaitUntilAsync(() => runner.Projection.Seen.Count == 3);
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => running);
        Assert.Equal(GlobalPosition.FromSequence(3), await store.GetCheckpointAsync(ProjectionRunner<ProjTotals>.CheckpointName));
    }

    [Fact]
    public async Task Rebuild_forgets_the_checkpoint_resets_and_replays()
    {
        await using var store = new InMemoryEventStore();
        await AppendAsync(store, "order-1", new ProjPlaced("1", 10m), new ProjPlaced("1", 5m));
        var runner = new ProjectionRunner<ProjTotals>(store, new ProjTotals(), Fast);
        await runner.CatchUpAsync();
        runner.Projection.Totals["stale"] = 99m;

        await runner.RebuildAsync();

        Assert.Equal(1, runner.Projection.Resets);
        Assert.False(runner.Projection.Totals.ContainsKey("stale"));
        Assert.Equal(15m, runner.Projection.Totals["1"]);
        Assert.Equal(2, runner.Projection.Seen.Count);
    }

    [Fact]
    public async Task A_handler_that_fails_fewer_times_than_the_retries_is_retried_and_not_parked()
    {
        await using var store = new InMemoryEventStore();
        await AppendAsync(store, "order-1", new ProjFlaky("1", FailTimes: 2), new ProjPlaced("1", 1m));
        var runner = new ProjectionRunner<ProjTotals>(store, new ProjTotals(), Fast);

        await runner.CatchUpAsync();

        Assert.Equal([("order-1", 0L), ("order-1", 1L)], runner.Projection.Seen);
        Assert.Empty(await runner.ListParkedAsync());
    }

    [Fact]
    public async Task A_handler_that_keeps_failing_is_parked_with_its_details_and_the_runner_goes_on()
    {
        await using var store = new InMemoryEventStore();
        await AppendAsync(store, "order-1", new ProjPlaced("1", 1m), new ProjFlaky("1", FailTimes: 100), new ProjPlaced("1", 2m));
        var runner = new ProjectionRunner<ProjTotals>(store, new ProjTotals(), Fast with { Retries = 2 });

        await runner.CatchUpAsync();

        var parked = Assert.Single(await runner.ListParkedAsync());
        Assert.Equal(("proj-totals", "order-1", 1L, GlobalPosition.FromSequence(2), "proj.flaky", 3), (parked.Projection, parked.Stream, parked.Version, parked.Position, parked.EventName, parked.Attempts));
        Assert.Contains("flaky failure 3", parked.Error);
        Assert.Equal([("order-1", 0L), ("order-1", 2L)], runner.Projection.Seen);
        // The checkpoint passed the parked event: it is kept as a parked record, not re-read.
        Assert.Equal(GlobalPosition.FromSequence(3), await store.GetCheckpointAsync(ProjectionRunner<ProjTotals>.CheckpointName));
    }

    [Fact]
    public async Task Handler_errors_and_parked_events_are_counted_on_the_Eventfold_meter()
    {
        long errors = 0, parked = 0;
        using var listener = new System.Diagnostics.Metrics.MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == EventfoldMetrics.MeterName && instrument.Name.StartsWith("eventfold.projection.", StringComparison.Ordinal))
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag is { Key: "projection", Value: "proj-totals" })
                {
                    Interlocked.Add(ref instrument.Name == "eventfold.projection.parked" ? ref parked : ref errors, value);
                }
            }
        });
        listener.Start();
        await using var store = new InMemoryEventStore();
        await AppendAsync(store, "metrics-1", new ProjFlaky("m", FailTimes: 100));
        var runner = new ProjectionRunner<ProjTotals>(store, new ProjTotals(), Fast with { Retries = 2 });

        await runner.CatchUpAsync();

        // Other tests run in parallel with the same projection name: at least this test's counts.
        Assert.True(Interlocked.Read(ref errors) >= 3, $"errors {errors}");
        Assert.True(Interlocked.Read(ref parked) >= 1, $"parked {parked}");
    }

    [Fact]
    public async Task In_stop_mode_a_failing_handler_stops_the_runner_with_the_checkpoint_before_it()
    {
        await using var store = new InMemoryEventStore();
        await AppendAsync(store, "order-1", new ProjPlaced("1", 1m), new ProjFlaky("1", FailTimes: 100), new ProjPlaced("1", 2m));
        var runner = new ProjectionRunner<ProjTotals>(store, new ProjTotals(), Fast with { Retries = 1, OnFailure = ProjectionFailureMode.Stop });

        var error = await Assert.ThrowsAsync<PipelineHandlerFailedException>(() => runner.CatchUpAsync());

        var inner = Assert.IsType<ProjectionHandlerFailedException>(error.InnerException);
        Assert.Equal(("order-1", 1L, "proj.flaky"), (inner.Stream, inner.Version, inner.EventName));
        Assert.Equal(GlobalPosition.FromSequence(1), await store.GetCheckpointAsync(ProjectionRunner<ProjTotals>.CheckpointName));
        Assert.Empty(await runner.ListParkedAsync());
        Assert.Equal([("order-1", 0L)], runner.Projection.Seen);
    }

    [Fact]
    public async Task A_parked_event_is_replayed_through_the_projection_and_removed_when_it_succeeds()
    {
        await using var store = new InMemoryEventStore();
        await AppendAsync(store, "order-1", new ProjFlaky("1", FailTimes: 0));
        var projection = new ProjTotals { AlwaysFail = true };
        var runner = new ProjectionRunner<ProjTotals>(store, projection, Fast with { Retries = 0 });
        await runner.CatchUpAsync();
        var parked = Assert.Single(await runner.ListParkedAsync());

        // Still failing: kept, with one more attempt.
        Assert.False(await runner.ReplayParkedAsync(parked.Position));
        Assert.Equal(2, Assert.Single(await runner.ListParkedAsync()).Attempts);

        projection.AlwaysFail = false;
        Assert.True(await runner.ReplayParkedAsync(parked.Position));

        Assert.Empty(await runner.ListParkedAsync());
        Assert.Equal([("order-1", 0L)], projection.Seen);
    }

    [Fact]
    public async Task Replay_all_and_discard()
    {
        await using var store = new InMemoryEventStore();
        await AppendAsync(store, "order-1", new ProjFlaky("1", 0), new ProjFlaky("1", 0), new ProjFlaky("1", 0));
        var projection = new ProjTotals { AlwaysFail = true };
        var runner = new ProjectionRunner<ProjTotals>(store, projection, Fast with { Retries = 0 });
        await runner.CatchUpAsync();
        var parked = await runner.ListParkedAsync();
        Assert.Equal(3, parked.Count);

        Assert.True(await runner.DiscardParkedAsync(parked[0].Position));
        Assert.False(await runner.DiscardParkedAsync(parked[0].Position));
        projection.AlwaysFail = false;
        Assert.Equal(2, await runner.ReplayAllParkedAsync());

        Assert.Empty(await runner.ListParkedAsync());
        Assert.Equal([("order-1", 1L), ("order-1", 2L)], projection.Seen);
        await Assert.ThrowsAsync<InvalidOperationException>(() => runner.ReplayParkedAsync(parked[0].Position));
    }

    [Fact]
    public async Task A_corrupt_stored_event_is_parked_like_a_failing_one_and_stays_parked_on_replay()
    {
        await using var store = new InMemoryEventStore();
        await store.AppendAsync("order-1", ExpectedVersion.Any, new object[]
        {
            new ProjPlaced("1", 1m), RawEvent.FromJson("proj.placed", 1, """{"Order":{"not":"a string"},"Total":"x"}"""), new ProjPlaced("1", 2m),
        });
        var runner = new ProjectionRunner<ProjTotals>(store, new ProjTotals(), Fast);

        await runner.CatchUpAsync();

        var parked = Assert.Single(await runner.ListParkedAsync());
        Assert.Equal(("order-1", 1L, "proj.placed", GlobalPosition.FromSequence(2)), (parked.Stream, parked.Version, parked.EventName, parked.Position));
        Assert.Contains("EventDeserialization", parked.Error);
        Assert.Equal(3m, runner.Projection.Totals["1"]);
        Assert.False(await runner.ReplayParkedAsync(parked.Position));
        Assert.Single(await runner.ListParkedAsync());
    }

    [Fact]
    public async Task A_store_without_a_parked_event_store_is_refused_with_the_fix()
    {
        await using var store = new CountingStore(new InMemoryEventStore());

        var error = Assert.Throws<ArgumentException>(() => new ProjectionRunner<ProjTotals>(store, new ProjTotals()));

        Assert.Contains("ProjectionRunnerOptions.ParkedEvents", error.Message);
        _ = new ProjectionRunner<ProjTotals>(store, new ProjTotals(), new ProjectionRunnerOptions { ParkedEvents = new InMemoryParkedEventStore() });
    }

    internal static async Task AppendAsync(IEventStore store, string stream, params object[] events) =>
        await store.AppendAsync(stream, ExpectedVersion.Any, events.Select(e => EventData.From(e)).ToList());

    internal static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "timed out");
            await Task.Delay(10);
        }
    }
}

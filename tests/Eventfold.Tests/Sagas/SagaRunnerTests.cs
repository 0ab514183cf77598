using Eventfold.Tests.Dispatching;
using Eventfold.Tests.Pipeline;

namespace Eventfold.Tests.Sagas;

/// <summary>Event-triggered sagas: one saga per triggering event, also when the runner restarts before its checkpoint.</summary>
public sealed class SagaRunnerTests
{
    private static readonly SagaCoordinatorOptions Fast = new() { RetryDelay = TimeSpan.FromMilliseconds(1), MaxRetryDelay = TimeSpan.FromMilliseconds(5), CompensationRetries = 2 };

    private readonly InMemoryEventStore _store = new();
    private readonly SagaLedger _ledger = new();

    private SagaRunner<TestFulfilSaga, TestOrder> Runner(SagaRunnerOptions? options = null) =>
        new(_store, new SagaCoordinator<TestFulfilSaga, TestOrder>(_store, () => new TestFulfilSaga(_ledger), Fast), options);

    [Fact]
    public async Task Every_triggering_event_starts_exactly_one_saga_with_the_data_of_its_Start()
    {
        await PlaceAsync("order-1", "o-1", "o-2");
        await _store.AppendAsync("order-9", ExpectedVersion.Any, [EventData.From(new SagaOrderNoted("o-9"))]);
        await PlaceAsync("order-2", "o-3");
        var runner = Runner();

        await runner.CatchUpAsync();

        Assert.Equal("saga-test.order-placed", runner.TriggerName);
        Assert.Equal(["order-1@0", "order-1@1", "order-2@0"], (await StartedSagasAsync()).Order(StringComparer.Ordinal));
        foreach (var order in new[] { "o-1", "o-2", "o-3" })
        {
            Assert.Equal(["Reserve", "Ship"], _ledger.CallsOf(order));
        }

        Assert.Equal(SagaStatus.Completed, (await runner.Coordinator.GetResultAsync("order-2@0"))!.Status);
        Assert.Equal(42m, _ledger.Received["Reserve:o-3"].Amount);
        Assert.True(await _store.GetCheckpointAsync(SagaRunner<TestFulfilSaga, TestOrder>.CheckpointName) >= GlobalPosition.FromSequence(4));
    }

    [Fact]
    public async Task A_restart_between_the_sagas_and_the_checkpoint_starts_no_saga_twice_and_repeats_no_side_effect()
    {
        await PlaceAsync("order-1", "o-1", "o-2", "o-3");
        // The first run handles every trigger, then "dies" before any checkpoint is stored.
        var lost = new CrashingCheckpoints(_store, savesBeforeCrash: 0);
        await Runner(new SagaRunnerOptions { Checkpoints = lost, CheckpointEveryEvents = 1 }).CatchUpAsync();
        Assert.Null(await _store.GetCheckpointAsync(SagaRunner<TestFulfilSaga, TestOrder>.CheckpointName));

        await Runner().CatchUpAsync();

        Assert.Equal(3, (await StartedSagasAsync()).Count);
        foreach (var order in new[] { "o-1", "o-2", "o-3" })
        {
            Assert.Equal(["Reserve", "Ship"], _ledger.CallsOf(order));
        }

        Assert.True(await _store.GetCheckpointAsync(SagaRunner<TestFulfilSaga, TestOrder>.CheckpointName) >= GlobalPosition.FromSequence(3));
    }

    [Fact]
    public async Task A_runner_stopped_in_the_middle_of_a_saga_resumes_it_on_restart_and_starts_no_second_one()
    {
        _ledger.Hang("Ship");
        var options = new SagaRunnerOptions { DrainTimeout = TimeSpan.FromMilliseconds(50), CheckpointEveryEvents = 1 };
        using var cts = new CancellationTokenSource();
        var running = Runner(options).RunAsync(cts.Token);
        await PlaceAsync("order-1", "o-1");
        await Eventually.True(() => _ledger.CountOf("Ship", "o-1") == 1, "the saga is in its last step");

        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => running);
        Assert.Null(await Runner().Coordinator.GetResultAsync("order-1@0"));
        Assert.Null(await _store.GetCheckpointAsync(SagaRunner<TestFulfilSaga, TestOrder>.CheckpointName));

        _ledger.StopHanging("Ship");
        await Runner(options).CatchUpAsync();

        Assert.Equal(["order-1@0"], await StartedSagasAsync());
        Assert.Equal(SagaStatus.Completed, (await Runner().Coordinator.GetResultAsync("order-1@0"))!.Status);
        // Reserve ran once; Ship ran again after the stop (its first attempt was cancelled before its side effect).
        Assert.Equal(["Reserve", "Ship", "Ship"], _ledger.CallsOf("o-1"));
        Assert.All(_ledger.Applied.Values, n => Assert.Equal(1, n));
        Assert.Equal(2, _ledger.Applied.Count);
    }

    [Fact]
    public void A_trigger_type_that_is_not_a_registered_event_is_refused_with_its_name()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => new SagaRunner<TestFulfilSaga, TestOrder>(
            _store, new SagaCoordinator<TestFulfilSaga, TestOrder>(_store, () => new TestFulfilSaga(_ledger)), new SagaRunnerOptions { Registry = new EventRegistry() }));

        Assert.Contains(typeof(SagaOrderPlaced).FullName!, ex.Message);
        Assert.Contains("test-fulfil", ex.Message);
    }

    [Fact]
    public async Task A_saga_without_a_trigger_is_only_recovered()
    {
        var coordinator = new SagaCoordinator<TestCheckoutSaga, TestOrder>(_store, () => new TestCheckoutSaga(_ledger), Fast);
        var runner = new SagaRunner<TestCheckoutSaga, TestOrder>(_store, coordinator);
        _ledger.Hang("Ship");
        using (var cts = new CancellationTokenSource())
        {
            var started = coordinator.RunAsync("s-1", new TestOrder("o-1", 1m), cts.Token);
            await Eventually.True(() => _ledger.CountOf("Ship", "o-1") == 1, "the saga is in its last step");
            await cts.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => started);
        }

        _ledger.StopHanging("Ship");
        await runner.RunAsync(CancellationToken.None);

        Assert.Null(runner.TriggerName);
        Assert.Equal(SagaStatus.Completed, (await coordinator.GetResultAsync("s-1"))!.Status);
    }

    [Fact]
    public void A_saga_id_too_long_for_a_stream_name_falls_back_to_the_event_id()
    {
        var id = Guid.NewGuid();
        var longStream = "order-" + new string('x', 250);
        var e = new RecordedEvent(longStream, 3, GlobalPosition.FromSequence(1), id, "saga-test.order-placed", 1, new SagaOrderPlaced("o-1", 1m), DateTimeOffset.UnixEpoch, EventMetadata.Empty);

        Assert.Equal(id.ToString("N"), SagaRunner<TestFulfilSaga, TestOrder>.SagaIdFor(e));
        Assert.Equal("order-1@3", SagaRunner<TestFulfilSaga, TestOrder>.SagaIdFor(e with { Stream = "order-1" }));
    }

    private async Task PlaceAsync(string stream, params string[] orders)
    {
        foreach (var order in orders)
        {
            await _store.AppendAsync(stream, ExpectedVersion.Any, [EventData.From(new SagaOrderPlaced(order, 42m))]);
        }
    }

    private async Task<List<string>> StartedSagasAsync()
    {
        string prefix = SagaCoordinator<TestFulfilSaga, TestOrder>.StreamOf("");
        var started = new List<string>();
        await foreach (var e in _store.ReadAllAsync(GlobalPosition.Start, new EventFilter { EventNames = [SagaLogEvents.Started], StreamPrefixes = [prefix] }))
        {
            started.Add(e.Stream[prefix.Length..]);
        }

        return started;
    }
}

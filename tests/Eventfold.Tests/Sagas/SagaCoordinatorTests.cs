using System.Diagnostics.Metrics;
using System.Text.Json;

namespace Eventfold.Tests.Sagas;

/// <summary>The coordinator on the in-memory store: forward runs, data flow, retries, timeouts, compensation, the log.</summary>
public sealed class SagaCoordinatorTests
{
    private static readonly SagaCoordinatorOptions Fast = new() { RetryDelay = TimeSpan.FromMilliseconds(1), MaxRetryDelay = TimeSpan.FromMilliseconds(5), CompensationRetries = 2 };

    private readonly InMemoryEventStore _store = new();
    private readonly SagaLedger _ledger = new();

    private SagaCoordinator<TestCheckoutSaga, TestOrder> Coordinator(SagaCoordinatorOptions? options = null) =>
        new(_store, () => new TestCheckoutSaga(_ledger), options ?? Fast);

    [Fact]
    public async Task A_saga_runs_every_step_in_order_and_the_data_flows_from_step_to_step()
    {
        var result = await Coordinator().RunAsync("s-1", new TestOrder("o-1", 42m));

        Assert.Equal(SagaStatus.Completed, result.Status);
        Assert.Null(result.FailedStep);
        Assert.Null(result.Error);
        Assert.Equal(["ReserveStock", "Charge", "Notify", "Ship"], _ledger.CallsOf("o-1"));
        Assert.Null(_ledger.Received["Charge:o-1"].PaymentId);
        Assert.Equal("pay-o-1", _ledger.Received["Notify:o-1"].PaymentId);
        Assert.Equal("pay-o-1", _ledger.Received["Ship:o-1"].PaymentId);
    }

    [Fact]
    public async Task The_log_holds_the_start_each_step_with_the_data_after_it_and_the_end()
    {
        await Coordinator().RunAsync("s-1", new TestOrder("o-1", 42m));

        var log = await ReadLog("s-1");
        Assert.Equal(
            [SagaLogEvents.Started, SagaLogEvents.StepCompleted, SagaLogEvents.StepCompleted, SagaLogEvents.StepCompleted, SagaLogEvents.StepCompleted, SagaLogEvents.Ended],
            log.Select(e => e.EventName));
        var charged = (SagaStepCompleted)log[2].Event;
        Assert.Equal((1, "Charge"), (charged.Step, charged.Name));
        Assert.Equal("pay-o-1", charged.Data.GetProperty("paymentId").GetString());
        Assert.Equal(SagaStatus.Completed, ((SagaEnded)log[^1].Event).Status);
        Assert.Equal("saga-test-checkout-s-1", log[0].Stream);
    }

    [Fact]
    public async Task A_failing_step_compensates_the_completed_steps_in_reverse_order_skipping_those_without_compensation()
    {
        _ledger.Fail("Ship", times: 1);

        var result = await Coordinator().RunAsync("s-1", new TestOrder("o-1", 42m));

        Assert.Equal(SagaStatus.Compensated, result.Status);
        Assert.Equal("Ship", result.FailedStep);
        Assert.IsType<InvalidOperationException>(result.Error);
        Assert.Equal(["ReserveStock", "Charge", "Notify", "Ship", "Refund", "ReleaseStock"], _ledger.CallsOf("o-1"));
        // A compensation receives the data its own step left.
        Assert.Equal("pay-o-1", _ledger.Received["Refund:o-1"].PaymentId);
        Assert.Null(_ledger.Received["ReleaseStock:o-1"].PaymentId);
        var names = (await ReadLog("s-1")).Select(e => e.EventName).ToArray();
        Assert.Equal([SagaLogEvents.StepFailed, SagaLogEvents.CompensationCompleted, SagaLogEvents.CompensationCompleted, SagaLogEvents.Ended], names[^4..]);
    }

    [Fact]
    public async Task A_failing_first_step_ends_compensated_with_nothing_to_undo()
    {
        _ledger.Fail("ReserveStock", times: 1);

        var result = await Coordinator().RunAsync("s-1", new TestOrder("o-1", 42m));

        Assert.Equal(SagaStatus.Compensated, result.Status);
        Assert.Equal("ReserveStock", result.FailedStep);
        Assert.Equal(["ReserveStock"], _ledger.CallsOf("o-1"));
    }

    [Fact]
    public async Task A_step_is_retried_up_to_its_Retries_then_fails()
    {
        _ledger.Fail("Charge", times: 2);
        var retried = await Coordinator().RunAsync("s-1", new TestOrder("o-1", 42m));

        _ledger.Fail("Charge", times: 3);
        var failed = await Coordinator().RunAsync("s-2", new TestOrder("o-2", 42m));

        Assert.Equal(SagaStatus.Completed, retried.Status);
        Assert.Equal(["ReserveStock", "Charge", "Charge", "Charge", "Notify", "Ship"], _ledger.CallsOf("o-1"));
        Assert.Equal(SagaStatus.Compensated, failed.Status);
        Assert.Equal(["ReserveStock", "Charge", "Charge", "Charge", "ReleaseStock"], _ledger.CallsOf("o-2"));
        var stepFailed = (SagaStepFailed)(await ReadLog("s-2")).Single(e => e.Event is SagaStepFailed).Event;
        Assert.Equal((3, "Charge", typeof(InvalidOperationException).FullName, "Charge is down"), (stepFailed.Attempts, stepFailed.Name, stepFailed.ErrorType, stepFailed.Error));
    }

    [Fact]
    public async Task A_step_past_its_TimeoutSeconds_fails_with_a_timeout_and_is_compensated()
    {
        _ledger.Hang("Ship");

        var result = await Coordinator().RunAsync("s-1", new TestOrder("o-1", 42m));

        Assert.Equal(SagaStatus.Compensated, result.Status);
        Assert.Equal("Ship", result.FailedStep);
        var timeout = Assert.IsType<TimeoutException>(result.Error);
        Assert.Contains("TimeoutSeconds", timeout.Message);
        Assert.Equal(["ReserveStock", "Charge", "Notify", "Ship", "Refund", "ReleaseStock"], _ledger.CallsOf("o-1"));
    }

    [Fact]
    public async Task Retries_wait_longer_each_time_up_to_the_maximum()
    {
        var clock = new RecordingTimeProvider();
        _ledger.Fail("Charge", times: 3);
        _ledger.Fail("Refund", times: 1);
        _ledger.Fail("ReleaseStock", times: 2);
        var options = Fast with { RetryDelay = TimeSpan.FromSeconds(1), MaxRetryDelay = TimeSpan.FromSeconds(3), CompensationRetries = 3, TimeProvider = clock };

        var result = await Coordinator(options).RunAsync("s-1", new TestOrder("o-1", 42m));

        Assert.Equal(SagaStatus.Compensated, result.Status);
        // Charge: 1 s, 2 s (Retries = 2); ReleaseStock: 1 s, 2 s; the cap of 3 s is reached by none of these.
        Assert.Equal([1, 2, 1, 2], clock.Delays.Select(d => d.TotalSeconds));
    }

    [Fact]
    public async Task Retry_delays_stop_growing_at_the_maximum()
    {
        var clock = new RecordingTimeProvider();
        _ledger.Fail("Refund", times: 4);
        _ledger.Fail("Notify", times: 1);
        var options = Fast with { RetryDelay = TimeSpan.FromSeconds(1), MaxRetryDelay = TimeSpan.FromSeconds(3), CompensationRetries = 4, TimeProvider = clock };

        await Coordinator(options).RunAsync("s-1", new TestOrder("o-1", 42m));

        Assert.Equal([1, 2, 3, 3], clock.Delays.Select(d => d.TotalSeconds));
    }

    [Fact]
    public async Task Running_an_existing_saga_id_returns_its_outcome_and_runs_nothing_again()
    {
        var first = await Coordinator().RunAsync("s-1", new TestOrder("o-1", 42m));
        var again = await Coordinator().RunAsync("s-1", new TestOrder("o-1", 99m));

        Assert.Equal(SagaStatus.Completed, again.Status);
        Assert.Equal(first.Status, again.Status);
        Assert.Equal(["ReserveStock", "Charge", "Notify", "Ship"], _ledger.CallsOf("o-1"));
        Assert.Equal(6, (await ReadLog("s-1")).Count);
    }

    [Fact]
    public async Task The_outcome_of_a_failed_saga_read_from_its_log_names_the_step_and_the_error()
    {
        _ledger.Fail("Notify", times: 1, () => new ArgumentException("no address"));
        await Coordinator().RunAsync("s-1", new TestOrder("o-1", 42m));

        var again = await Coordinator().RunAsync("s-1", new TestOrder("o-1", 42m));

        Assert.Equal(SagaStatus.Compensated, again.Status);
        Assert.Equal("Notify", again.FailedStep);
        var error = Assert.IsType<SagaStepException>(again.Error);
        Assert.Equal((typeof(ArgumentException).FullName, "no address", "Notify"), (error.ErrorType, error.Error, error.Step));
    }

    [Fact]
    public async Task Each_step_and_compensation_gets_an_attempt_independent_idempotency_key()
    {
        _ledger.Fail("Charge", times: 1);
        _ledger.Fail("Ship", times: 1);
        await Coordinator().RunAsync("s-1", new TestOrder("o-1", 42m));

        var contexts = _ledger.Contexts.ToArray();
        Assert.All(contexts, c => Assert.NotNull(c));
        var charges = contexts.Where(c => c!.Step == "Charge").ToArray();
        Assert.Equal([1, 2], charges.Select(c => c!.Attempt));
        Assert.Equal(["test-checkout/s-1/step/Charge"], charges.Select(c => c!.IdempotencyKey).Distinct());
        var refund = Assert.Single(contexts, c => c!.Step == "Refund")!;
        Assert.True(refund.IsCompensation);
        Assert.Equal(SagaStepContext.KeyFor("test-checkout", "s-1", "Refund", isCompensation: true), refund.IdempotencyKey);
        Assert.Null(SagaStepContext.Current);
    }

    [Fact]
    public async Task Cancelling_a_run_logs_no_failure_and_the_saga_resumes_on_recovery()
    {
        _ledger.Hang("Notify");
        using var cts = new CancellationTokenSource();
        var run = Coordinator().RunAsync("s-1", new TestOrder("o-1", 42m), cts.Token);
        await WaitUntil(() => _ledger.CallsOf("o-1").Contains("Notify"));
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
        Assert.DoesNotContain(await ReadLog("s-1"), e => e.Event is SagaStepFailed);

        var ledger = new SagaLedger();
        int ended = await new SagaCoordinator<TestCheckoutSaga, TestOrder>(_store, () => new TestCheckoutSaga(ledger), Fast).RecoverAsync();

        Assert.Equal(1, ended);
        Assert.Equal(["Notify", "Ship"], ledger.CallsOf("o-1"));
        Assert.Equal("pay-o-1", ledger.Received["Notify:o-1"].PaymentId);
        Assert.Equal(SagaStatus.Completed, (await Coordinator().GetResultAsync("s-1"))!.Status);
    }

    [Fact]
    public async Task Recovery_resumes_at_the_step_after_the_last_logged_one_with_its_data()
    {
        // As a crash leaves it: two steps logged, the third not.
        await _store.AppendAsync("saga-test-checkout-s-1", ExpectedVersion.NoStream, new object[]
        {
            new SagaStarted("test-checkout", Json(new TestOrder("o-1", 42m))),
            new SagaStepCompleted(0, "ReserveStock", Json(new TestOrder("o-1", 42m))),
            new SagaStepCompleted(1, "Charge", Json(new TestOrder("o-1", 42m, "pay-7"))),
        });

        Assert.Equal(1, await Coordinator().RecoverAsync());

        Assert.Equal(["Notify", "Ship"], _ledger.CallsOf("o-1"));
        Assert.Equal("pay-7", _ledger.Received["Ship:o-1"].PaymentId);
        Assert.Equal(0, await Coordinator().RecoverAsync());
    }

    [Fact]
    public async Task Recovery_resumes_a_compensation_with_the_data_its_step_left()
    {
        await _store.AppendAsync("saga-test-checkout-s-1", ExpectedVersion.NoStream, new object[]
        {
            new SagaStarted("test-checkout", Json(new TestOrder("o-1", 42m))),
            new SagaStepCompleted(0, "ReserveStock", Json(new TestOrder("o-1", 42m))),
            new SagaStepCompleted(1, "Charge", Json(new TestOrder("o-1", 42m, "pay-7"))),
            new SagaStepCompleted(2, "Notify", Json(new TestOrder("o-1", 42m, "pay-7"))),
            new SagaStepFailed(3, "Ship", 1, "System.Exception", "boom"),
            new SagaCompensationCompleted(1, "Refund"),
        });

        await Coordinator().RecoverAsync();

        Assert.Equal(["ReleaseStock"], _ledger.CallsOf("o-1"));
        var result = (await Coordinator().GetResultAsync("s-1"))!;
        Assert.Equal((SagaStatus.Compensated, "Ship"), (result.Status, result.FailedStep));
    }

    [Fact]
    public async Task A_compensation_failing_past_its_retries_ends_CompensationFailed_is_listed_counted_and_retried_by_an_operator()
    {
        long counted = 0;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == EventfoldMetrics.MeterName && instrument.Name == "eventfold.saga.compensation_failed")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            if (tags.ToArray().Any(t => t.Key == "saga" && (string?)t.Value == "test-checkout"))
            {
                Interlocked.Add(ref counted, value);
            }
        });
        listener.Start();
        _ledger.Fail("Ship", times: 1);
        _ledger.Fail("Refund", times: 3); // CompensationRetries = 2: three attempts fail

        var result = await Coordinator().RunAsync("s-1", new TestOrder("o-1", 42m));

        Assert.Equal(SagaStatus.CompensationFailed, result.Status);
        Assert.Equal(("Ship", "Refund"), (result.FailedStep, result.FailedCompensation));
        Assert.IsType<InvalidOperationException>(result.CompensationError);
        Assert.Equal(1, Interlocked.Read(ref counted));
        var failed = Assert.Single(await Coordinator().ListCompensationFailedAsync());
        Assert.Equal(("s-1", SagaPhase.CompensationFailed, "Refund"), (failed.SagaId, failed.State.Phase, failed.FailedCompensation));
        Assert.Contains(failed.Log, e => e.Event is SagaCompensationFailed { Attempts: 3 });
        Assert.Equal(0, await Coordinator().RecoverAsync()); // ended: recovery leaves it to the operator

        var retried = await Coordinator().RetryAsync("s-1", "payments are back");

        Assert.Equal(SagaStatus.Compensated, retried.Status);
        Assert.Equal(["ReserveStock", "Charge", "Notify", "Ship", "Refund", "Refund", "Refund", "Refund", "ReleaseStock"], _ledger.CallsOf("o-1"));
        Assert.Empty(await Coordinator().ListCompensationFailedAsync());
        Assert.Contains((await Coordinator().GetHistoryAsync("s-1"))!.Log, e => e.Event is SagaRetried { Reason: "payments are back" });
        await Assert.ThrowsAsync<InvalidOperationException>(() => Coordinator().RetryAsync("s-1", "again"));
    }

    [Fact]
    public async Task Concurrent_coordinators_never_both_advance_one_saga()
    {
        var tasks = Enumerable.Range(0, 8).Select(i => Task.Run(() => Coordinator().RunAsync("s-1", new TestOrder("o-1", 42m)))).ToArray();
        var results = await Task.WhenAll(tasks);

        Assert.All(results, r => Assert.Equal(SagaStatus.Completed, r.Status));
        var log = await ReadLog("s-1");
        Assert.Single(log, e => e.Event is SagaStarted);
        Assert.Equal([0, 1, 2, 3], log.Select(e => e.Event).OfType<SagaStepCompleted>().Select(c => c.Step));
        Assert.Single(log, e => e.Event is SagaEnded);
        // Steps may run more than once in a race; their side effects, keyed, apply once.
        Assert.All(_ledger.Applied.Values, n => Assert.Equal(1, n));
    }

    [Fact]
    public async Task A_stream_that_is_not_this_sagas_log_is_refused_with_its_name()
    {
        await _store.AppendAsync("saga-test-checkout-s-1", ExpectedVersion.NoStream, new object[] { new SagaEnded(SagaStatus.Completed) });

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => Coordinator().RunAsync("s-1", new TestOrder("o-1", 42m)));

        Assert.Contains("saga-test-checkout-s-1", error.Message);
        Assert.Empty(_ledger.Calls);
    }

    private async Task<List<RecordedEvent>> ReadLog(string sagaId)
    {
        var log = new List<RecordedEvent>();
        await foreach (var e in _store.ReadStreamAsync("saga-test-checkout-" + sagaId, CancellationToken.None))
        {
            log.Add(e);
        }

        return log;
    }

    private static JsonElement Json(TestOrder order) => JsonSerializer.SerializeToElement(order, new JsonSerializerOptions(JsonSerializerDefaults.Web));

    private static async Task WaitUntil(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "timed out waiting");
            await Task.Delay(5);
        }
    }
}

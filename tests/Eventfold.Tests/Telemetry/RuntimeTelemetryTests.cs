using System.Diagnostics;
using Eventfold.Tests.Dispatching;
using Eventfold.Tests.Sagas;
using Eventfold.Tests.StateTransfer;
using Microsoft.Extensions.Logging;

namespace Eventfold.Tests.Telemetry;

/// <summary>Sagas, dispatchers and the state publisher report through the Eventfold meter, source and an ILogger.</summary>
[Collection(nameof(TelemetryCollection))]
public sealed class RuntimeTelemetryTests
{
    [Fact]
    public async Task A_failed_saga_step_is_logged_at_error_measured_traced_and_its_compensations_counted()
    {
        using var recorder = new TelemetryRecorder();
        var logger = new FieldLogger();
        var ledger = new SagaLedger();
        ledger.Fail("Ship", times: 1);
        var coordinator = new SagaCoordinator<TestCheckoutSaga, TestOrder>(
            new InMemoryEventStore(), () => new TestCheckoutSaga(ledger),
            new SagaCoordinatorOptions { RetryDelay = TimeSpan.FromMilliseconds(1), MaxRetryDelay = TimeSpan.FromMilliseconds(1), Logger = logger });

        var result = await coordinator.RunAsync("tele-1", new TestOrder("o-1", 10m));

        Assert.Equal(SagaStatus.Compensated, result.Status);
        var failed = Assert.Single(logger.Entries, e => e.Id.Id == 4001);
        Assert.Equal(LogLevel.Error, failed.Level);
        Assert.Equal("test-checkout", failed.Fields["Saga"]);
        Assert.Equal("tele-1", failed.Fields["SagaId"]);
        Assert.Equal("Ship", failed.Fields["Step"]);
        Assert.IsType<InvalidOperationException>(failed.Error);

        var saga = ("saga", (object?)"test-checkout");
        Assert.Equal(1, recorder.Sum("eventfold.saga.step_failures", saga, ("step", "Ship")));
        Assert.Equal(2, recorder.Sum("eventfold.saga.compensations", saga, ("outcome", "ok"))); // Refund, ReleaseStock
        Assert.Equal(4, recorder.Values("eventfold.saga.step.duration", saga, ("kind", "step")).Count);
        Assert.Single(recorder.Values("eventfold.saga.step.duration", saga, ("step", "Ship"), ("outcome", "failed")));
        Assert.Equal(2, recorder.Values("eventfold.saga.step.duration", saga, ("kind", "compensation"), ("outcome", "ok")).Count);

        var steps = recorder.Activities.Where(a => a.OperationName == "eventfold.saga.step" && Equals(a.GetTagItem("eventfold.saga.id"), "tele-1")).ToArray();
        Assert.Equal(6, steps.Length);
        var ship = Assert.Single(steps, a => Equals(a.GetTagItem("eventfold.saga.step"), "Ship"));
        Assert.Equal(ActivityStatusCode.Error, ship.Status);
        Assert.Equal(false, ship.GetTagItem("eventfold.saga.compensation"));
        Assert.Equal("failed", ship.GetTagItem("eventfold.outcome"));
        Assert.Contains(steps, a => Equals(a.GetTagItem("eventfold.saga.step"), "Refund") && Equals(a.GetTagItem("eventfold.saga.compensation"), true) && a.Status != ActivityStatusCode.Error);
    }

    [Fact]
    public async Task The_state_publisher_counts_and_logs_the_gaps_it_fills_and_saves_count_what_they_publish()
    {
        using var recorder = new TelemetryRecorder();
        var logger = new FieldLogger();
        await using var inner = new InMemoryEventStore();
        var store = new StateTestStore(inner);
        var customers = new AggregateRepository<Customer>(store);
        var saved = customers.Create("c-1");
        saved.Register("one", "1@example.com");
        await customers.SaveAsync(saved);
        store.FailStatePublishes = true;
        var missed = customers.Create("c-2");
        missed.Register("two", "2@example.com");
        await customers.SaveAsync(missed);
        store.FailStatePublishes = false;

        await new StatePublisher<Customer>(store, new StatePublisherOptions { Logger = logger }).CatchUpAsync();

        var category = ("category", (object?)"customer");
        Assert.Equal(1, recorder.Sum("eventfold.state.published", category, ("source", "save")));
        Assert.Equal(1, recorder.Sum("eventfold.state.published", category, ("source", "publisher")));
        Assert.Equal(1, recorder.Sum("eventfold.state.gap_fills", category));
        var gap = Assert.Single(logger.Entries, e => e.Id.Id == 5001);
        Assert.Equal(LogLevel.Information, gap.Level);
        Assert.Equal("customer-c-2", gap.Fields["Stream"]);
        Assert.Equal(0L, gap.Fields["Version"]);
        Assert.Equal("customer", gap.Fields["Category"]);
    }

    [Fact]
    public async Task A_dispatcher_reports_its_depth_workers_and_processed_messages_when_collected_and_stops_reporting_once_stopped()
    {
        using var recorder = new TelemetryRecorder();
        string name = $"gauges-{Guid.NewGuid():N}";
        var gate = new Gate();
        var notifier = new TestNotifier(new DispatcherOptions { Name = name, Capacity = 8, Workers = 1 }, (p, ct) => p.Id == 0 ? gate.PassAsync(ct) : default);
        notifier.TryEnqueue(new Ping(0));
        await Eventually.True(() => gate.Waiting == 1, "held");
        notifier.TryEnqueue(new Ping(1));
        notifier.TryEnqueue(new Ping(2));

        recorder.Collect();

        var tag = ("dispatcher", (object?)name);
        Assert.Equal([2.0], recorder.Values("eventfold.dispatcher.depth", tag));
        Assert.Equal([1.0], recorder.Values("eventfold.dispatcher.workers", tag));
        Assert.Equal([0.0], recorder.Values("eventfold.dispatcher.processed", tag));

        gate.Open();
        await Eventually.True(() => notifier.Stats.Processed == 3, "processed");
        recorder.Collect();
        Assert.Equal(3, recorder.Values("eventfold.dispatcher.processed", tag)[^1]);
        Assert.Equal(0, recorder.Values("eventfold.dispatcher.depth", tag)[^1]);

        await notifier.DisposeAsync();
        int before = recorder.Values("eventfold.dispatcher.depth", tag).Count;
        recorder.Collect();
        Assert.Equal(before, recorder.Values("eventfold.dispatcher.depth", tag).Count);
    }
}

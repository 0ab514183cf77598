using Microsoft.Extensions.Time.Testing;

namespace Eventfold.Tests.Telemetry;

[Event("tele.tick")] public sealed record TeleTick(int N);

/// <summary>Holds the event <see cref="HoldAt"/> until <see cref="Release"/>; throws for a negative tick.</summary>
[Projection("telemetry")]
public sealed partial class TelemetryProjection
{
    private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public int HoldAt { get; init; } = -1;

    public TaskCompletionSource Holding { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Release() => _release.TrySetResult();

    private async Task On(TeleTick e, CancellationToken ct)
    {
        if (e.N < 0)
        {
            throw new InvalidOperationException("bad tick");
        }

        if (e.N == HoldAt)
        {
            Holding.TrySetResult();
            await _release.Task.WaitAsync(ct);
        }
    }
}

/// <summary>
/// A projection runner reports handled events, handler errors and parked events, the lag in events and in seconds
/// (from the last handled event's timestamp) while it runs, and a trace activity per handled event.
/// </summary>
[Collection(nameof(TelemetryCollection))]
public sealed class ProjectionTelemetryTests
{
    private static readonly (string, object?) Projection = ("projection", "telemetry");

    [Fact]
    public async Task Lag_in_events_and_seconds_is_measured_while_behind_and_is_zero_once_caught_up()
    {
        // The events were stored a minute ago by the store's clock; the runner's is the real one.
        await using var store = new InMemoryEventStore(new EventStoreOptions { TimeProvider = new FakeTimeProvider(DateTimeOffset.UtcNow.AddMinutes(-1)) });
        for (int n = 0; n < 10; n++)
        {
            await store.AppendAsync("tick-" + (n % 2), ExpectedVersion.Any, [EventData.From(new TeleTick(n))]);
        }

        using var recorder = new TelemetryRecorder();
        var projection = new TelemetryProjection { HoldAt = 4 };
        var runner = new ProjectionRunner<TelemetryProjection>(store, projection, new ProjectionRunnerOptions { LagInterval = TimeSpan.FromMilliseconds(10) });
        var catchingUp = runner.CatchUpAsync();
        await projection.Holding.Task.WaitAsync(TimeSpan.FromSeconds(10));

        // Ticks 0-3 handled, 4 in flight: six events of the log are after the last handled one.
        await WaitUntilAsync(() => recorder.Values("eventfold.projection.lag.events", Projection).Contains(6));
        Assert.Contains(recorder.Values("eventfold.projection.lag.seconds", Projection), s => s >= 59);
        projection.Release();
        await catchingUp;

        Assert.Equal(0, recorder.Values("eventfold.projection.lag.events", Projection)[^1]);
        Assert.Equal(0, recorder.Values("eventfold.projection.lag.seconds", Projection)[^1]);
        Assert.Equal(10, recorder.Sum("eventfold.projection.handled", Projection));

        var handled = recorder.Activities.Where(a => a.OperationName == "eventfold.projection.handle" && Equals(a.GetTagItem("eventfold.projection"), "telemetry")).ToList();
        Assert.Equal(10, handled.Count);
        Assert.Contains(handled, a => Equals(a.GetTagItem("eventfold.stream"), "tick-0") && Equals(a.GetTagItem("eventfold.version"), 2L) && Equals(a.GetTagItem("eventfold.event"), "tele.tick"));
    }

    [Fact]
    public async Task Handler_errors_and_parked_events_are_counted()
    {
        await using var store = new InMemoryEventStore();
        await store.AppendAsync("tick-0", ExpectedVersion.Any, [EventData.From(new TeleTick(1)), EventData.From(new TeleTick(-1)), EventData.From(new TeleTick(2))]);

        using var recorder = new TelemetryRecorder();
        var runner = new ProjectionRunner<TelemetryProjection>(store, new TelemetryProjection(), new ProjectionRunnerOptions { Retries = 2, RetryDelay = TimeSpan.FromMilliseconds(1) });
        await runner.CatchUpAsync();

        Assert.Equal(3, recorder.Sum("eventfold.projection.handler_errors", Projection));
        Assert.Equal(1, recorder.Sum("eventfold.projection.parked", Projection));
        Assert.Equal(2, recorder.Sum("eventfold.projection.handled", Projection));
        Assert.Single(await runner.ParkedEvents.ListAsync("telemetry"));
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "timed out waiting");
            await Task.Delay(5);
        }
    }
}

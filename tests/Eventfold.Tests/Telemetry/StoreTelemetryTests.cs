namespace Eventfold.Tests.Telemetry;

[Event("tele.noted")] public sealed record TeleNoted(int N);

[CollectionDefinition(nameof(TelemetryCollection), DisableParallelization = true)]
public sealed class TelemetryCollection;

/// <summary>The in-memory store reports its appends (count, events, duration, outcome, an activity) and the events it reads.</summary>
[Collection(nameof(TelemetryCollection))]
public sealed class StoreTelemetryTests
{
    [Fact]
    public async Task Appends_and_reads_are_counted_timed_and_traced()
    {
        await using var store = new InMemoryEventStore();
        using var recorder = new TelemetryRecorder();

        await store.AppendAsync("tele-1", ExpectedVersion.NoStream, [EventData.From(new TeleNoted(1)), EventData.From(new TeleNoted(2))]);
        await Assert.ThrowsAsync<WrongExpectedVersionException>(() => store.AppendAsync("tele-1", ExpectedVersion.NoStream, [EventData.From(new TeleNoted(3))]));
        Assert.Equal(2, await store.ReadStreamAsync("tele-1").CountAsync());
        Assert.Equal(2, await store.ReadAllAsync(GlobalPosition.Start).CountAsync());

        Assert.Equal(1, recorder.Sum("eventfold.store.appends", ("store", "memory"), ("outcome", "ok")));
        Assert.Equal(1, recorder.Sum("eventfold.store.appends", ("store", "memory"), ("outcome", "conflict")));
        Assert.Equal(2, recorder.Sum("eventfold.store.appended_events", ("store", "memory")));
        Assert.Equal(2, recorder.Values("eventfold.store.append.duration", ("store", "memory")).Count);
        Assert.All(recorder.Values("eventfold.store.append.duration"), seconds => Assert.InRange(seconds, 0, 10));
        Assert.Equal(2, recorder.Sum("eventfold.store.read_events", ("store", "memory"), ("read", "stream")));
        Assert.Equal(2, recorder.Sum("eventfold.store.read_events", ("store", "memory"), ("read", "all")));

        var appends = recorder.Activities.Where(a => a.OperationName == "eventfold.append" && Equals(a.GetTagItem("eventfold.stream"), "tele-1")).ToList();
        Assert.Equal(2, appends.Count);
        Assert.Contains(appends, a => Equals(a.GetTagItem("eventfold.outcome"), "ok") && Equals(a.GetTagItem("eventfold.events"), 2));
        Assert.Contains(appends, a => Equals(a.GetTagItem("eventfold.outcome"), "conflict") && a.Status == System.Diagnostics.ActivityStatusCode.Error);
    }
}

using Eventfold.Tests.Telemetry;

namespace Eventfold.Sqlite.Tests;

[CollectionDefinition(nameof(SqliteTelemetryCollection), DisableParallelization = true)]
public sealed class SqliteTelemetryCollection;

/// <summary>The SQLite store reports its appends and reads, and a projection over it its lag, under the store tag <c>sqlite</c>.</summary>
[Collection(nameof(SqliteTelemetryCollection))]
public sealed class TelemetryTests : IDisposable
{
    private readonly TempDatabase _db = new();

    public void Dispose() => _db.Dispose();

    [Fact]
    public async Task Appends_reads_and_projection_lag_are_reported()
    {
        await using var store = new SqliteEventStore(_db.Path);
        using var recorder = new TelemetryRecorder();

        await store.AppendAsync("tele-s", ExpectedVersion.NoStream, [EventData.From(new ProofWritten(1, 1)), EventData.From(new ProofOther(2))]);
        await Assert.ThrowsAsync<WrongExpectedVersionException>(() => store.AppendAsync("tele-s", ExpectedVersion.NoStream, [EventData.From(new ProofOther(3))]));
        Assert.Equal(2, await store.ReadStreamAsync("tele-s").CountAsync());
        var runner = new ProjectionRunner<ProofProjection>(store, new ProofProjection());
        await runner.CatchUpAsync();

        Assert.Equal(1, recorder.Sum("eventfold.store.appends", ("store", "sqlite"), ("outcome", "ok")));
        Assert.Equal(1, recorder.Sum("eventfold.store.appends", ("store", "sqlite"), ("outcome", "conflict")));
        Assert.Equal(2, recorder.Sum("eventfold.store.appended_events", ("store", "sqlite")));
        Assert.Equal(2, recorder.Sum("eventfold.store.read_events", ("store", "sqlite"), ("read", "stream")));
        // The projection's filter: only its one event of the two is read from the log.
        Assert.Equal(1, recorder.Sum("eventfold.store.read_events", ("store", "sqlite"), ("read", "all")));
        Assert.Equal(0, recorder.Values("eventfold.projection.lag.events", ("projection", "proof"))[^1]);
        Assert.Equal(1, recorder.Sum("eventfold.projection.handled", ("projection", "proof")));
        Assert.Contains(recorder.Activities, a => a.OperationName == "eventfold.append" && Equals(a.GetTagItem("eventfold.store"), "sqlite"));
    }
}

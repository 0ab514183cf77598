namespace Eventfold.Sqlite.Tests;

[Event("sqlproj.placed")] public sealed record SqlProjPlaced(string Order, decimal Total);
[Event("sqlproj.noise")] public sealed record SqlProjNoise(int N);

[Projection("sql-totals")]
public sealed partial class SqlTotals
{
    public Dictionary<string, decimal> Totals { get; } = new();

    public List<long> Versions { get; } = new();

    public bool Fail { get; set; }

    private void On(SqlProjPlaced e, EventContext ctx)
    {
        if (Fail)
        {
            throw new InvalidOperationException("read model down");
        }

        Totals[e.Order] = Totals.GetValueOrDefault(e.Order) + e.Total;
        Versions.Add(ctx.Version);
    }
}

/// <summary>Projection runners over SQLite: the filter in SQL, checkpoints and parked events kept in the file.</summary>
public sealed class ProjectionTests
{
    private static readonly ProjectionRunnerOptions Fast = new() { RetryDelay = TimeSpan.FromMilliseconds(1), Retries = 1 };

    [Fact]
    public async Task Catch_up_reads_only_handled_events_and_resumes_from_the_stored_checkpoint()
    {
        using var db = new TempDatabase();
        await using (var store = new SqliteEventStore(db.Path))
        {
            await store.AppendAsync("order-1", ExpectedVersion.Any, [EventData.From(new SqlProjPlaced("1", 2m)), EventData.From(new SqlProjNoise(1)), EventData.From(new SqlProjNoise(2))]);
            var runner = new ProjectionRunner<SqlTotals>(store, new SqlTotals(), Fast);
            await runner.CatchUpAsync();
            Assert.Equal([0L], runner.Projection.Versions);
            // Past the two filtered-out events at the end of the log.
            Assert.Equal(GlobalPosition.FromSequence(3), await store.GetCheckpointAsync(ProjectionRunner<SqlTotals>.CheckpointName));
            await store.AppendAsync("order-1", ExpectedVersion.Any, [EventData.From(new SqlProjPlaced("1", 3m))]);
        }

        await using (var reopened = new SqliteEventStore(db.Path))
        {
            var runner = new ProjectionRunner<SqlTotals>(reopened, new SqlTotals(), Fast);
            await runner.CatchUpAsync();
            Assert.Equal([3L], runner.Projection.Versions);
        }
    }

    [Fact]
    public async Task Parked_events_are_kept_in_the_file_and_can_be_replayed_or_discarded_after_a_restart()
    {
        using var db = new TempDatabase();
        await using (var store = new SqliteEventStore(db.Path))
        {
            await store.AppendAsync("order-1", ExpectedVersion.Any, [EventData.From(new SqlProjPlaced("1", 2m)), EventData.From(new SqlProjPlaced("1", 3m))]);
            var runner = new ProjectionRunner<SqlTotals>(store, new SqlTotals { Fail = true }, Fast);
            await runner.CatchUpAsync();
            Assert.Equal(2, (await runner.ListParkedAsync()).Count);
        }

        await using (var reopened = new SqliteEventStore(db.Path))
        {
            var runner = new ProjectionRunner<SqlTotals>(reopened, new SqlTotals(), Fast);
            var parked = await runner.ListParkedAsync();
            Assert.Equal(
                [("sql-totals", "order-1", 0L, "sqlproj.placed", 2), ("sql-totals", "order-1", 1L, "sqlproj.placed", 2)],
                parked.Select(p => (p.Projection, p.Stream, p.Version, p.EventName, p.Attempts)));
            Assert.All(parked, p => Assert.Equal("InvalidOperationException: read model down", p.Error));

            Assert.True(await runner.ReplayParkedAsync(parked[1].Position));
            Assert.True(await runner.DiscardParkedAsync(parked[0].Position));

            Assert.Empty(await runner.ListParkedAsync());
            Assert.Equal(3m, runner.Projection.Totals["1"]);
            // The checkpoint had passed both: catching up again handles nothing twice.
            await runner.CatchUpAsync();
            Assert.Equal([1L], runner.Projection.Versions);
        }
    }
}

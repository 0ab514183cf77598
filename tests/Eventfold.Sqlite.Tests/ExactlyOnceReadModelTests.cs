using Microsoft.Data.Sqlite;

namespace Eventfold.Sqlite.Tests;

/// <summary>The same name and shape as the crash host's event, so the tests can append what it projects.</summary>
[Event("crashhost.counted")]
public sealed record Counted(int N);

/// <summary>
/// SqliteReadModel: the read-model change and the checkpoint commit in one transaction. A projection
/// process killed between handling and the store's checkpoint leaves a read model equal to an
/// uninterrupted run once it is resumed.
/// </summary>
public sealed class ExactlyOnceReadModelTests
{
    private const int Streams = 10;
    private const int PerStream = 150;

    [Fact]
    public async Task A_projection_killed_mid_run_and_resumed_applies_every_event_exactly_once()
    {
        using var db = new TempDatabase();
        string readModelPath = System.IO.Path.Combine(db.Folder, "readmodel.db");
        await using (var store = new SqliteEventStore(db.Path))
        {
            for (int n = 0; n < PerStream; n++)
            {
                for (int s = 0; s < Streams; s++)
                {
                    await store.AppendAsync($"counter-{s}", ExpectedVersion.Any, [EventData.From(new Counted(n))]);
                }
            }
        }

        await using (var host = CrashHostProcess.Project(db.Path, readModelPath))
        {
            await host.WaitUntilReadyAsync(TimeSpan.FromSeconds(60));
            await Task.Delay(300);
            Assert.False(host.HasExited, "the projection finished before it could be killed:\n" + host.Output);
            await host.KillAsync();
        }

        long appliedAtKill = Applied(readModelPath).Sum(t => t.Applied);
        Assert.InRange(appliedAtKill, 1, (Streams * PerStream) - 1);

        // Resumed in another process, as after a crash: from the read model's checkpoint.
        await using (var host = CrashHostProcess.Project(db.Path, readModelPath))
        {
            await host.WaitForExitAsync(TimeSpan.FromSeconds(120));
            Assert.Contains("done", host.Output);
        }

        var totals = Applied(readModelPath);
        Assert.Equal(Streams, totals.Count);
        long expectedSum = PerStream * (PerStream - 1) / 2;
        Assert.All(totals, t => Assert.Equal((PerStream, expectedSum), (t.Applied, t.Sum)));
    }

    [Fact]
    public async Task An_event_at_or_before_the_read_models_checkpoint_is_not_applied_again()
    {
        using var db = new TempDatabase();
        using var readModel = new SqliteReadModel(System.IO.Path.Combine(db.Folder, "rm.db"));
        var first = Context("s", 0, 1);
        int applied = 0;

        Assert.True(readModel.Commit<SqlTotals>(first, _ => applied++));
        Assert.False(readModel.Commit<SqlTotals>(first, _ => applied++));
        Assert.True(readModel.Commit<SqlTotals>(Context("s", 1, 2), _ => applied++));

        Assert.Equal(2, applied);
        Assert.Equal(GlobalPosition.FromSequence(2), await readModel.GetCheckpointAsync(ProjectionRunner<SqlTotals>.CheckpointName));
        await Task.CompletedTask;
    }

    [Fact]
    public async Task A_failed_change_rolls_back_with_its_checkpoint()
    {
        using var db = new TempDatabase();
        using var readModel = new SqliteReadModel(System.IO.Path.Combine(db.Folder, "rm.db"));

        Assert.Throws<InvalidOperationException>(() => readModel.Commit<SqlTotals>(Context("s", 0, 1), _ => throw new InvalidOperationException("boom")));

        Assert.Null(await readModel.GetCheckpointAsync(ProjectionRunner<SqlTotals>.CheckpointName));
    }

    private static EventContext Context(string stream, long version, long position) =>
        new(new RecordedEvent(stream, version, GlobalPosition.FromSequence(position), Guid.NewGuid(), "x", 1, new Counted(0), DateTimeOffset.UnixEpoch, EventMetadata.Empty));

    private static List<(string Stream, long Applied, long Sum)> Applied(string path)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=false");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT stream, applied, sum FROM totals ORDER BY stream;";
        var rows = new List<(string, long, long)>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            rows.Add((reader.GetString(0), reader.GetInt64(1), reader.GetInt64(2)));
        }

        return rows;
    }
}

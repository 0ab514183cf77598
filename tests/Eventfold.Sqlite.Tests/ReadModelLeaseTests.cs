using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;

namespace Eventfold.Sqlite.Tests;

/// <summary>A read model's changes are fenced by the lease its runner took there: the old holder's change rolls back.</summary>
public sealed class ReadModelLeaseTests : IDisposable
{
    private readonly TempDatabase _db = new();

    public void Dispose() => _db.Dispose();

    [Fact]
    public async Task A_change_from_a_holder_whose_lease_was_taken_over_is_refused_and_rolled_back()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        string path = Path.Combine(_db.Folder, "rm.db");
        using var first = new SqliteReadModel(path, clock);   // as in one process
        using var second = new SqliteReadModel(path, clock);  // as in another
        Execute(first, "CREATE TABLE rows (n INTEGER NOT NULL);");
        string name = ProjectionRunner<SqlTotals>.Name;

        await first.TryAcquireLeaseAsync(name, "first", TimeSpan.FromSeconds(5));
        Assert.True(first.Commit<SqlTotals>(Context(1), tx => Insert(first, tx, 1)));
        clock.Advance(TimeSpan.FromSeconds(6));
        var taken = await second.TryAcquireLeaseAsync(name, "second", TimeSpan.FromSeconds(5));

        var refused = Assert.Throws<ProjectionLeaseLostException>(() => first.Commit<SqlTotals>(Context(2), tx => Insert(first, tx, 2)));
        Assert.True(second.Commit<SqlTotals>(Context(2), tx => Insert(second, tx, 20)));

        Assert.Equal(2, taken!.Token);
        Assert.Equal(("first", 1L), (refused.Owner, refused.Token));
        Assert.Equal([1L, 20L], Rows(second));
        Assert.Equal(GlobalPosition.FromSequence(2), await second.GetCheckpointAsync(ProjectionRunner<SqlTotals>.CheckpointName));
    }

    [Fact]
    public void Without_a_lease_taken_there_a_read_model_commits_as_before()
    {
        using var readModel = new SqliteReadModel(Path.Combine(_db.Folder, "rm.db"));
        Execute(readModel, "CREATE TABLE rows (n INTEGER NOT NULL);");

        Assert.True(readModel.Commit<SqlTotals>(Context(1), tx => Insert(readModel, tx, 1)));
        Assert.Equal([1L], Rows(readModel));
    }

    private static EventContext Context(long position) =>
        new(new RecordedEvent("s", position - 1, GlobalPosition.FromSequence(position), Guid.NewGuid(), "x", 1, new Counted(0), DateTimeOffset.UnixEpoch, EventMetadata.Empty));

    private static void Insert(SqliteReadModel readModel, SqliteTransaction tx, long n)
    {
        using var command = readModel.Connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = "INSERT INTO rows (n) VALUES ($n);";
        command.Parameters.AddWithValue("$n", n);
        command.ExecuteNonQuery();
    }

    private static void Execute(SqliteReadModel readModel, string sql)
    {
        using var command = readModel.Connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static List<long> Rows(SqliteReadModel readModel)
    {
        using var command = readModel.Connection.CreateCommand();
        command.CommandText = "SELECT n FROM rows ORDER BY rowid;";
        using var reader = command.ExecuteReader();
        var rows = new List<long>();
        while (reader.Read())
        {
            rows.Add(reader.GetInt64(0));
        }

        return rows;
    }
}

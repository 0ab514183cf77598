using Eventfold.Sqlite;

namespace Eventfold.Sqlite.CrashHost;

/// <summary>The event the "project" mode counts; the tests declare the same name and shape.</summary>
[Event("crashhost.counted")]
public sealed record Counted(int N);

/// <summary>
/// A read model in SQLite: per stream, how many events were applied. Each change commits with the
/// checkpoint (SqliteReadModel), so a kill at any point neither repeats nor loses one. Given an owner, it also
/// records which runner applied each position (table <c>applied</c>, no key, so a repeat would show).
/// </summary>
[Projection("counted-totals")]
public sealed partial class CountedTotals(SqliteReadModel readModel, int pauseEvery, string? owner = null)
{
    private int _handled;

    public int Handled => _handled;

    private void On(Counted e, EventContext ctx)
    {
        readModel.Commit<CountedTotals>(ctx, tx =>
        {
            using var command = readModel.Connection.CreateCommand();
            command.Transaction = tx;
            command.CommandText = "INSERT INTO totals (stream, applied, sum) VALUES ($s, 1, $n) ON CONFLICT (stream) DO UPDATE SET applied = applied + 1, sum = sum + $n;";
            command.Parameters.AddWithValue("$s", ctx.Stream);
            command.Parameters.AddWithValue("$n", e.N);
            command.ExecuteNonQuery();
            if (owner is not null)
            {
                using var applied = readModel.Connection.CreateCommand();
                applied.Transaction = tx;
                applied.CommandText = "INSERT INTO applied (position, owner) VALUES ($p, $o);";
                applied.Parameters.AddWithValue("$p", (long)ctx.Position.Commit);
                applied.Parameters.AddWithValue("$o", owner);
                applied.ExecuteNonQuery();
            }
        });

        if (++_handled == 1)
        {
            Console.WriteLine("ready");
        }

        if (pauseEvery > 0 && _handled % pauseEvery == 0)
        {
            Thread.Sleep(1); // slow enough that the kill lands mid-run
        }
    }

    public static void CreateTables(SqliteReadModel readModel)
    {
        using var command = readModel.Connection.CreateCommand();
        command.CommandText = """
            CREATE TABLE IF NOT EXISTS totals (stream TEXT PRIMARY KEY, applied INTEGER NOT NULL, sum INTEGER NOT NULL);
            CREATE TABLE IF NOT EXISTS applied (position INTEGER NOT NULL, owner TEXT NOT NULL);
            """;
        command.ExecuteNonQuery();
    }
}

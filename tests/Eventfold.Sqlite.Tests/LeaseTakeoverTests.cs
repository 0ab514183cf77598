using System.Diagnostics;
using Microsoft.Data.Sqlite;

namespace Eventfold.Sqlite.Tests;

/// <summary>
/// One projection in two real processes on one SQLite file, under the projection's lease kept in the shared read
/// model: one applies, the other stands by; killed mid-run, the holder's lease expires and the other takes over.
/// The read model ends with every event applied exactly once, each by the runner that held the lease.
/// </summary>
public sealed class LeaseTakeoverTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);
    private readonly TempDatabase _db = new();
    private readonly Dictionary<string, (long Count, long Sum)> _appended = [];

    public void Dispose() => _db.Dispose();

    [Fact]
    public async Task The_standby_process_takes_over_when_the_holder_is_killed_and_every_event_is_applied_exactly_once()
    {
        string readModel = Path.Combine(_db.Folder, "readmodel.db");
        await using var store = new SqliteEventStore(_db.Path);
        await AppendAsync(store, 0, 300);

        await using var a = CrashHostProcess.Lease(_db.Path, readModel, "A");
        Assert.Equal("holding token=1", await a.WaitForLineAsync("holding", Timeout));
        await using var b = CrashHostProcess.Lease(_db.Path, readModel, "B");
        await b.WaitForLineAsync("standing by for A", Timeout);

        // More events while A applies; A is killed part-way through them.
        var writing = AppendAsync(store, 300, 300);
        await Until(() => Applied(readModel).Count >= 100);
        await a.KillAsync();
        long appliedAtKill = Applied(readModel).Count;
        await writing;
        Assert.True(appliedAtKill < 600, "A applied everything before it was killed:\n" + a.Output);
        Assert.DoesNotContain("holding", b.Output);

        Assert.Equal("holding token=2", await b.WaitForLineAsync("holding", Timeout));
        await AppendAsync(store, 600, 100);
        await Until(() => Applied(readModel).Count >= 700);
        await Task.Delay(300); // a repeat, if there were one, would land now
        await b.KillAsync();

        var applied = Applied(readModel);
        Assert.Equal(700, applied.Count);
        Assert.Equal(700, applied.Select(x => x.Position).Distinct().Count());
        long lastOfA = applied.Where(x => x.Owner == "A").Max(x => x.Position);
        long firstOfB = applied.Where(x => x.Owner == "B").Min(x => x.Position);
        Assert.True(lastOfA < firstOfB, $"A applied up to {lastOfA}, B from {firstOfB}: they overlapped");
        Assert.Equal(applied.Count(x => x.Owner == "A"), applied.Count(x => x.Position <= lastOfA));
        Assert.Equal(_appended.OrderBy(t => t.Key), Totals(readModel).OrderBy(t => t.Key));
    }

    private async Task AppendAsync(IEventStore store, int from, int count)
    {
        for (int n = from; n < from + count; n++)
        {
            string stream = $"counter-{n % 7}";
            await store.AppendAsync(stream, ExpectedVersion.Any, [EventData.From(new Counted(n))]);
            var (c, s) = _appended.GetValueOrDefault(stream);
            _appended[stream] = (c + 1, s + n);
        }
    }

    private static async Task Until(Func<bool> condition)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(clock.Elapsed < Timeout, "the condition did not hold in time");
            await Task.Delay(20);
        }
    }

    private static List<(long Position, string Owner)> Applied(string path) =>
        Query(path, "SELECT position, owner FROM applied ORDER BY position;", r => (r.GetInt64(0), r.GetString(1)));

    private static Dictionary<string, (long Count, long Sum)> Totals(string path) =>
        Query(path, "SELECT stream, applied, sum FROM totals;", r => (r.GetString(0), (r.GetInt64(1), r.GetInt64(2)))).ToDictionary(x => x.Item1, x => x.Item2);

    private static List<T> Query<T>(string path, string sql, Func<SqliteDataReader, T> map)
    {
        if (!File.Exists(path))
        {
            return [];
        }

        using var connection = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=false");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        try
        {
            using var reader = command.ExecuteReader();
            var rows = new List<T>();
            while (reader.Read())
            {
                rows.Add(map(reader));
            }

            return rows;
        }
        catch (SqliteException) when (sql.Contains("FROM applied", StringComparison.Ordinal))
        {
            return []; // the host has not created its tables yet
        }
    }
}

using Eventfold.Sqlite;
using global::Marten;
using Microsoft.Data.Sqlite;

namespace Eventfold.Marten.Benchmarks;

/// <summary>
/// The same log written once to each store: <c>n</c> events in batches of 500 to 1,000 streams, one in ten an
/// order. The SQLite file is kept in the temp folder (written under a temporary name, renamed when complete); the
/// PostgreSQL schema is rewritten only when its event count is not the one wanted.
/// </summary>
internal static class SharedLog
{
    private const int Streams = 1_000;
    private const int BatchSize = 500;

    public static object EventAt(int i) =>
        i % 10 == 0 ? new OrderPlaced($"customer-{i % 97}", i % 1000) : new PageViewed($"/product/{i % 500}", i % 250);

    public static string StreamOf(int firstOfBatch) => $"session-{firstOfBatch / BatchSize % Streams}";

    public static string PrepareSqlite(int events)
    {
        string path = Path.Combine(Path.GetTempPath(), $"eventfold-bench-marten-{events}-v1.db");
        if (File.Exists(path))
        {
            return path;
        }

        string partial = path + ".partial-" + Environment.ProcessId;
        var store = new SqliteEventStore(partial);
        try
        {
            var batch = new List<EventData>(BatchSize);
            for (int n = 0; n < events; n += BatchSize)
            {
                batch.Clear();
                for (int i = n; i < Math.Min(events, n + BatchSize); i++)
                {
                    batch.Add(EventData.From(EventAt(i)));
                }

                store.AppendAsync(StreamOf(n), ExpectedVersion.Any, batch).GetAwaiter().GetResult();
            }
        }
        finally
        {
            store.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }

        using (var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = partial, Pooling = false }.ToString()))
        {
            connection.Open();
            using var checkpoint = connection.CreateCommand();
            checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
            checkpoint.ExecuteNonQuery();
        }

        File.Move(partial, path, overwrite: true);
        foreach (string suffix in new[] { "-wal", "-shm" })
        {
            File.Delete(partial + suffix);
        }

        return path;
    }

    public static async Task PrepareMartenAsync(DocumentStore store, int events)
    {
        await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
        await using (var query = store.QuerySession())
        {
            var stats = await store.Advanced.FetchEventStoreStatistics();
            if (stats.EventCount == events)
            {
                return;
            }
        }

        await store.Advanced.Clean.DeleteAllEventDataAsync();
        for (int n = 0; n < events; n += BatchSize)
        {
            await using var session = store.LightweightSession();
            var batch = new object[Math.Min(BatchSize, events - n)];
            for (int i = 0; i < batch.Length; i++)
            {
                batch[i] = EventAt(n + i);
            }

            session.Events.Append(StreamOf(n), batch);
            await session.SaveChangesAsync();
        }
    }
}

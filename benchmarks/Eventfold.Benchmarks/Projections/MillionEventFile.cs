using Eventfold.Sqlite;
using Microsoft.Data.Sqlite;

namespace Eventfold.Benchmarks.Projections;

/// <summary>
/// The 1,000,000-event SQLite file the catch-up benchmarks read, written through the store once and kept in
/// the temp folder: BenchmarkDotNet runs each benchmark in its own process, and writing the file takes longer
/// than reading it. A file is used only when its last row is there (it is written under a temporary name and
/// renamed when complete).
/// </summary>
public static class MillionEventFile
{
    public const int Events = 1_000_000;
    public const int OrdersEvery = 10;
    private const int Streams = 1_000;
    private const int BatchSize = 500;

    public static string Path { get; } = PathFor(Events);

    public static string Prepare() => Prepare(Events);

    /// <summary>The same log cut to <paramref name="events"/> events (a multiple of 500), e.g. a small one to profile under callgrind.</summary>
    public static string Prepare(int events)
    {
        if (events <= 0 || events % BatchSize != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(events), events, $"A positive multiple of {BatchSize}.");
        }

        string path = PathFor(events);
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
                int stream = n / BatchSize % Streams;
                batch.Clear();
                for (int i = n; i < n + BatchSize; i++)
                {
                    batch.Add(EventData.From(i % OrdersEvery == 0 ? new OrderPlaced($"customer-{i % 97}", i % 1000) : new PageViewed($"/product/{i % 500}", i % 250)));
                }

                store.AppendAsync($"session-{stream}", ExpectedVersion.Any, batch).GetAwaiter().GetResult();
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
            // Every reader then finds the rows in the main file, not in the write-ahead log.
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

    private static string PathFor(int events) =>
        System.IO.Path.Combine(System.IO.Path.GetTempPath(), events == Events ? "eventfold-bench-catchup-1m-v1.db" : $"eventfold-bench-catchup-{events}-v1.db");
}

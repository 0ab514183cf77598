using Microsoft.Data.Sqlite;

namespace Eventfold.Benchmarks.Sqlite;

/// <summary>A fresh SQLite file in the temp folder, deleted with its WAL and shared-memory files afterwards.</summary>
public sealed class TempDatabase : IDisposable
{
    public TempDatabase(string label) =>
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"eventfold-bench-{label}-{Guid.NewGuid():N}.db");

    public string Path { get; }

    /// <summary>A connection with the store's PRAGMAs (WAL, synchronous=NORMAL), not pooled so that disposing it closes the file.</summary>
    public SqliteConnection OpenRaw()
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Path, Pooling = false }.ToString());
        connection.Open();
        using var pragmas = connection.CreateCommand();
        pragmas.CommandText = "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;";
        pragmas.ExecuteNonQuery();
        return connection;
    }

    public void Dispose()
    {
        foreach (string suffix in new[] { "", "-wal", "-shm", "-journal" })
        {
            File.Delete(Path + suffix);
        }
    }
}

using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Eventfold.Sqlite;

/// <summary>Opens connections to the store's file with the settings every connection needs.</summary>
internal sealed class SqliteConnectionFactory
{
    private readonly string _connectionString;
    private readonly string _pragmas;

    public SqliteConnectionFactory(string path, SqliteEventStoreOptions options)
    {
        Path = path;
        BusyTimeout = options.BusyTimeout;
        // Microsoft.Data.Sqlite retries busy statements itself for this many whole seconds (0 would
        // mean forever), on top of SQLite's own busy_timeout wait. The write connection never waits
        // this way for the write lock: SqliteWriteLock takes it asynchronously.
        CommandTimeoutSeconds = Math.Max(1, (int)Math.Ceiling(options.BusyTimeout.TotalSeconds));
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            // The store keeps its own long-lived connections; disposing it must close the file.
            Pooling = false,
            DefaultTimeout = CommandTimeoutSeconds,
        }.ToString();
        _pragmas = string.Create(
            CultureInfo.InvariantCulture,
            $"PRAGMA busy_timeout = {(long)options.BusyTimeout.TotalMilliseconds}; PRAGMA synchronous = {(int)options.Synchronous};");
    }

    public string Path { get; }

    public TimeSpan BusyTimeout { get; }

    public int CommandTimeoutSeconds { get; }

    public SqliteConnection OpenWriter()
    {
        var connection = Open();
        // Bounds the WAL file left behind after a checkpoint; it only grows again under load.
        Execute(connection, "PRAGMA journal_size_limit = 67108864;");
        return connection;
    }

    public SqliteConnection OpenReader()
    {
        var connection = Open();
        Execute(connection, "PRAGMA query_only = ON;");
        return connection;
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            connection.Open();
            Execute(connection, _pragmas);
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}

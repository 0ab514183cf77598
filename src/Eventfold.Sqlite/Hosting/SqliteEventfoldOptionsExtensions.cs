using Eventfold.Sqlite;

// In Eventfold's namespace, beside UseStore and UseInMemory, so o.UseSqlite(...) needs no extra using.
namespace Eventfold;

public static class SqliteEventfoldOptionsExtensions
{
    /// <summary>Stores events in the SQLite file at <paramref name="path"/>, created with its schema on first use.</summary>
    public static EventfoldOptions UseSqlite(this EventfoldOptions options, string path, SqliteEventStoreOptions? storeOptions = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        return options.UseStore(_ => new SqliteEventStore(path, storeOptions));
    }
}

using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace Eventfold.Sqlite;

/// <summary>The SQLite store's log entries (category <see cref="Category"/>).</summary>
internal static partial class SqliteLog
{
    public const string Category = "Eventfold.Sqlite";

    private const int Busy = 5, Locked = 6;

    /// <summary>True when <paramref name="error"/> is SQLite giving up on a lock another connection or process held past the busy timeout.</summary>
    public static bool IsLockTimeout(Exception error) =>
        (error as SqliteException ?? error.InnerException as SqliteException) is { SqliteErrorCode: Busy or Locked };

    [LoggerMessage(EventId = 2001, Level = LogLevel.Warning, Message = "SQLite store '{Path}': the append to stream '{Stream}' waited {BusyTimeoutMs} ms for the file's write lock and gave up (another process holds it)")]
    public static partial void LockTimedOut(ILogger logger, Exception error, string path, string stream, double busyTimeoutMs);
}

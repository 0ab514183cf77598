using Microsoft.Data.Sqlite;

namespace Eventfold.Sqlite;

/// <summary>
/// Creates and upgrades the store's tables. The file's schema version lives in <c>PRAGMA user_version</c>;
/// each migration brings it one step further, so later tables (checkpoints, snapshots) are added by
/// appending a migration, never by editing one that has shipped.
/// </summary>
internal static class SqliteSchema
{
    /// <summary>Marks a file as an Eventfold store (<c>PRAGMA application_id</c>, "EVFD").</summary>
    internal const int ApplicationId = 0x45564644;

    private static readonly string[] Migrations =
    [
        // 1: the event log. position is the global position: AUTOINCREMENT never reuses a value, and
        // SQLite runs one write transaction at a time, so positions commit in order with no gap.
        """
        CREATE TABLE events (
            position       INTEGER PRIMARY KEY AUTOINCREMENT,
            stream         TEXT    NOT NULL,
            version        INTEGER NOT NULL,
            event_id       BLOB    NOT NULL UNIQUE,
            event_name     TEXT    NOT NULL,
            schema_version INTEGER NOT NULL,
            data           BLOB    NOT NULL,
            metadata       BLOB    NOT NULL,
            timestamp      INTEGER NOT NULL,
            UNIQUE (stream, version)
        ) STRICT;
        CREATE INDEX events_by_event_name ON events (event_name, position);
        """,

        // 2: what consumers and loads keep beside the log: checkpoints and the latest snapshot per stream.
        """
        CREATE TABLE checkpoints (
            consumer         TEXT    PRIMARY KEY,
            commit_position  INTEGER NOT NULL,
            prepare_position INTEGER NOT NULL,
            updated          INTEGER NOT NULL
        ) STRICT;
        CREATE TABLE snapshots (
            stream         TEXT    PRIMARY KEY,
            version        INTEGER NOT NULL,
            state_type     TEXT    NOT NULL,
            schema_version INTEGER NOT NULL,
            data           BLOB    NOT NULL,
            timestamp      INTEGER NOT NULL
        ) STRICT;
        """,

        // 3: a checksum per event (EventChecksum), verified on read. Rows written before stay NULL and readable.
        """
        ALTER TABLE events ADD COLUMN checksum INTEGER;
        """,

        // 4: event ids unique per stream, not across the store, as on EventStoreDB: another stream may hold
        // the same id. SQLite cannot drop a column constraint, so the table is rebuilt, positions kept.
        """
        CREATE TABLE events_v4 (
            position       INTEGER PRIMARY KEY AUTOINCREMENT,
            stream         TEXT    NOT NULL,
            version        INTEGER NOT NULL,
            event_id       BLOB    NOT NULL,
            event_name     TEXT    NOT NULL,
            schema_version INTEGER NOT NULL,
            data           BLOB    NOT NULL,
            metadata       BLOB    NOT NULL,
            timestamp      INTEGER NOT NULL,
            checksum       INTEGER,
            UNIQUE (stream, version),
            UNIQUE (stream, event_id)
        ) STRICT;
        INSERT INTO events_v4 (position, stream, version, event_id, event_name, schema_version, data, metadata, timestamp, checksum)
            SELECT position, stream, version, event_id, event_name, schema_version, data, metadata, timestamp, checksum FROM events;
        DROP TABLE events;
        ALTER TABLE events_v4 RENAME TO events;
        CREATE INDEX events_by_event_name ON events (event_name, position);
        """,

        // 5: events a projection runner parked (see IParkedEventStore), per projection and position.
        // IF NOT EXISTS: a file rolled back to an older user_version by hand may still hold the table.
        """
        CREATE TABLE IF NOT EXISTS parked_events (
            projection       TEXT    NOT NULL,
            commit_position  INTEGER NOT NULL,
            prepare_position INTEGER NOT NULL,
            stream           TEXT    NOT NULL,
            version          INTEGER NOT NULL,
            event_id         BLOB    NOT NULL,
            event_name       TEXT    NOT NULL,
            error            TEXT    NOT NULL,
            attempts         INTEGER NOT NULL,
            parked_at        INTEGER NOT NULL,
            PRIMARY KEY (projection, commit_position, prepare_position)
        ) STRICT;
        """,

        // 6: the lease per projection (see IProjectionLeaseStore): one runner of a projection across processes.
        // owner is '' once released; the row stays so the next token follows the last. expires: UTC ticks.
        """
        CREATE TABLE IF NOT EXISTS leases (
            projection TEXT    PRIMARY KEY,
            owner      TEXT    NOT NULL,
            token      INTEGER NOT NULL,
            expires    INTEGER NOT NULL
        ) STRICT;
        """,

        // 7: the max count per stream (see IStreamTruncation): appends to such a stream drop its events older
        // than the newest max_count. Positions are AUTOINCREMENT, so a dropped row's position is never reused.
        """
        CREATE TABLE IF NOT EXISTS stream_limits (
            stream    TEXT    PRIMARY KEY,
            max_count INTEGER NOT NULL
        ) STRICT;
        """,
    ];

    /// <summary>The schema version this build writes.</summary>
    internal static int CurrentVersion => Migrations.Length;

    /// <summary>The names the store creates in a file; another program's table of one of these names makes the file not ours.</summary>
    private static readonly string[] OwnNames = ["events", "checkpoints", "snapshots", "events_by_event_name", "parked_events", "leases", "stream_limits"];

    /// <summary>
    /// Checks that the file is an Eventfold store or an unversioned database the store may add its tables
    /// to, then switches it to WAL mode and brings its schema to <see cref="CurrentVersion"/>. A file that
    /// is not ours is refused by reading alone, before anything is written to it.
    /// </summary>
    internal static void EnsureCreated(SqliteConnection connection, string path)
    {
        // One read transaction, so the inspection sees one state of the file: read statement by statement,
        // it could see another process's new tables but not yet its application id, and refuse our own file.
        bool ready;
        using (var read = connection.BeginTransaction(deferred: true))
        {
            ready = Inspect(connection, path);
            read.Commit();
        }

        if (ready)
        {
            return;
        }

        string journalMode = Scalar<string>(connection, "PRAGMA journal_mode = WAL;");
        if (!string.Equals(journalMode, "wal", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"The event store at '{path}' cannot use write-ahead logging (journal mode is '{journalMode}').");
        }

        // IMMEDIATE: two processes opening a new file at once create the schema once, one after the other.
        using var transaction = connection.BeginTransaction(deferred: false);
        if (Inspect(connection, path))
        {
            return;
        }

        long version = Scalar<long>(connection, "PRAGMA user_version;");
        for (long step = version; step < CurrentVersion; step++)
        {
            Execute(connection, Migrations[step]);
        }

        Execute(connection, $"PRAGMA application_id = {ApplicationId}; PRAGMA user_version = {CurrentVersion};");
        transaction.Commit();
    }

    /// <summary>Refuses a file that is not ours, by reading only.</summary>
    /// <returns>Whether the file is already an Eventfold store of the current schema in WAL mode: nothing to do.</returns>
    private static bool Inspect(SqliteConnection connection, string path)
    {
        long applicationId = Scalar<long>(connection, "PRAGMA application_id;");
        long version = Scalar<long>(connection, "PRAGMA user_version;");
        if (applicationId != 0 && applicationId != ApplicationId)
        {
            throw new InvalidOperationException($"The SQLite file at '{path}' belongs to another application (application_id {applicationId}), not Eventfold; it was left unchanged.");
        }

        if (applicationId == 0 && version != 0)
        {
            // Another program's database that numbers its own schema: adding tables to it would be a guess.
            throw new InvalidOperationException($"The SQLite file at '{path}' is not an Eventfold store (user_version {version}, no Eventfold application_id); it was left unchanged.");
        }

        if (applicationId == 0 && FindOwnName(connection) is { } clash)
        {
            throw new InvalidOperationException(
                $"The SQLite file at '{path}' is not an Eventfold store: it has a table or index '{clash}' of its own and no Eventfold application_id; it was left unchanged.");
        }

        if (version > CurrentVersion)
        {
            throw new InvalidOperationException(
                $"The event store at '{path}' has schema version {version}, newer than the {CurrentVersion} this Eventfold.Sqlite knows; use a newer Eventfold.Sqlite.");
        }

        return applicationId == ApplicationId && version == CurrentVersion
            && string.Equals(Scalar<string>(connection, "PRAGMA journal_mode;"), "wal", StringComparison.OrdinalIgnoreCase);
    }

    private static string? FindOwnName(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT name FROM sqlite_master WHERE name IN ($a, $b, $c, $d) ORDER BY name LIMIT 1;";
        command.Parameters.AddWithValue("$a", OwnNames[0]);
        command.Parameters.AddWithValue("$b", OwnNames[1]);
        command.Parameters.AddWithValue("$c", OwnNames[2]);
        command.Parameters.AddWithValue("$d", OwnNames[3]);
        return command.ExecuteScalar() as string;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static T Scalar<T>(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (T)Convert.ChangeType(command.ExecuteScalar()!, typeof(T), System.Globalization.CultureInfo.InvariantCulture);
    }
}

using Microsoft.Data.Sqlite;

namespace Eventfold.Sqlite.Tests;

public sealed class SchemaTests : IDisposable
{
    private readonly TempDatabase _db = new();

    public void Dispose() => _db.Dispose();

    [Fact]
    public async Task Creates_the_file_with_the_events_table_its_indexes_and_WAL_mode()
    {
        Assert.False(File.Exists(_db.Path));
        await using (new SqliteEventStore(_db.Path, TestEvents.Options()))
        {
            Assert.True(File.Exists(_db.Path));
        }

        using var connection = OpenRaw(_db.Path);
        var columns = Query(connection, "SELECT name FROM pragma_table_info('events') ORDER BY cid;");
        Assert.Equal(["position", "stream", "version", "event_id", "event_name", "schema_version", "data", "metadata", "timestamp", "checksum"], columns);
        Assert.Equal("wal", Query(connection, "PRAGMA journal_mode;").Single());
        Assert.Equal(SqliteSchema.CurrentVersion.ToString(), Query(connection, "PRAGMA user_version;").Single());
        Assert.Equal(SqliteSchema.ApplicationId.ToString(), Query(connection, "PRAGMA application_id;").Single());
        Assert.Contains("events_by_event_name", Query(connection, "SELECT name FROM sqlite_master WHERE type = 'index';"));

        // The unique indexes: ids unique per stream (as on EventStoreDB), versions unique per stream.
        var uniqueIndexColumns = Query(connection,
            "SELECT group_concat(ii.name, ',') FROM pragma_index_list('events') il JOIN pragma_index_info(il.name) ii WHERE il.\"unique\" = 1 GROUP BY il.name ORDER BY 1;");
        Assert.Equal(["stream,event_id", "stream,version"], uniqueIndexColumns);
    }

    [Fact]
    public async Task A_schema_3_file_migrates_to_ids_unique_per_stream_keeping_every_position()
    {
        var shared = TestEvents.Added("shared");
        await using (var store = new SqliteEventStore(_db.Path, TestEvents.Options()))
        {
            await store.AppendAsync("cart-1", ExpectedVersion.NoStream, [TestEvents.Added("a"), shared]);
            await store.AppendAsync("cart-2", ExpectedVersion.NoStream, TestEvents.Added(2));
        }

        // Rebuild the table as schema version 3 had it: event ids unique across the store.
        using (var raw = OpenRaw(_db.Path))
        {
            Query(raw, """
                CREATE TABLE events_v3 (
                    position INTEGER PRIMARY KEY AUTOINCREMENT, stream TEXT NOT NULL, version INTEGER NOT NULL,
                    event_id BLOB NOT NULL UNIQUE, event_name TEXT NOT NULL, schema_version INTEGER NOT NULL,
                    data BLOB NOT NULL, metadata BLOB NOT NULL, timestamp INTEGER NOT NULL, checksum INTEGER,
                    UNIQUE (stream, version)) STRICT;
                INSERT INTO events_v3 SELECT * FROM events;
                DROP TABLE events;
                ALTER TABLE events_v3 RENAME TO events;
                CREATE INDEX events_by_event_name ON events (event_name, position);
                PRAGMA user_version = 3;
                """);
        }

        await using (var migrated = new SqliteEventStore(_db.Path, TestEvents.Options()))
        {
            var all = await migrated.ReadAllAsync(GlobalPosition.Start).ToListAsync();
            Assert.Equal([1UL, 2, 3, 4], all.Select(e => e.Position.Commit));
            Assert.Equal(["a", "shared", "sku-0", "sku-1"], all.Select(e => ((ItemAdded)e.Event).Sku));

            var appended = await migrated.AppendAsync("cart-3", ExpectedVersion.NoStream, [shared]);
            Assert.Equal(5UL, appended.Position.Commit);
        }

        using var check = OpenRaw(_db.Path);
        Assert.Equal(SqliteSchema.CurrentVersion.ToString(), Query(check, "PRAGMA user_version;").Single());
    }

    [Fact]
    public async Task Creates_a_missing_directory()
    {
        string path = Path.Combine(_db.Folder, "nested", "deeper", "store.db");
        await using var store = new SqliteEventStore(path, TestEvents.Options());
        Assert.True(File.Exists(path));
        Assert.Equal(path, store.Path);
    }

    [Fact]
    public async Task Reopening_an_existing_file_keeps_its_events_and_continues_positions_and_versions()
    {
        await using (var first = new SqliteEventStore(_db.Path, TestEvents.Options()))
        {
            await first.AppendAsync("cart-1", ExpectedVersion.NoStream, TestEvents.Added(3));
        }

        await using var reopened = new SqliteEventStore(_db.Path, TestEvents.Options());
        Assert.Equal(2, await reopened.GetStreamVersionAsync("cart-1"));
        var result = await reopened.AppendAsync("cart-1", ExpectedVersion.Exactly(2), [TestEvents.Added("late")]);
        Assert.Equal(3, result.NextExpectedVersion);
        Assert.Equal(GlobalPosition.FromSequence(4), result.Position);

        var all = await reopened.ReadAllAsync(GlobalPosition.Start).ToListAsync();
        Assert.Equal([1L, 2, 3, 4], all.Select(e => (long)e.Position.Commit));
        Assert.Equal("late", ((ItemAdded)all[^1].Event).Sku);
    }

    [Fact]
    public async Task Positions_are_never_reused_after_the_last_event_is_deleted()
    {
        await using (var store = new SqliteEventStore(_db.Path, TestEvents.Options()))
        {
            await store.AppendAsync("a", ExpectedVersion.Any, TestEvents.Added(2));
        }

        using (var connection = OpenRaw(_db.Path))
        {
            Query(connection, "DELETE FROM events WHERE position = 2;");
        }

        await using var reopened = new SqliteEventStore(_db.Path, TestEvents.Options());
        var result = await reopened.AppendAsync("b", ExpectedVersion.Any, [TestEvents.Added("x")]);
        Assert.Equal(GlobalPosition.FromSequence(3), result.Position);
    }

    [Fact]
    public async Task Two_stores_on_one_new_file_create_the_schema_once()
    {
        var opening = Enumerable.Range(0, 4).Select(_ => Task.Run(() => new SqliteEventStore(_db.Path, TestEvents.Options()))).ToArray();
        var stores = await Task.WhenAll(opening);
        foreach (var store in stores)
        {
            await store.AppendAsync("s", ExpectedVersion.Any, [TestEvents.Added("x")]);
        }

        Assert.Equal(3, await stores[0].GetStreamVersionAsync("s"));
        foreach (var store in stores)
        {
            await store.DisposeAsync();
        }
    }

    [Fact]
    public async Task Refuses_a_file_with_a_newer_schema_version()
    {
        await new SqliteEventStore(_db.Path, TestEvents.Options()).DisposeAsync();
        using (var connection = OpenRaw(_db.Path))
        {
            Query(connection, $"PRAGMA user_version = {SqliteSchema.CurrentVersion + 1};");
        }

        var error = Assert.Throws<InvalidOperationException>(() => new SqliteEventStore(_db.Path, TestEvents.Options()));
        Assert.Contains("newer", error.Message);
        Assert.Contains(_db.Path, error.Message);
    }

    [Fact]
    public void Refuses_a_file_of_another_application()
    {
        using (var connection = OpenRaw(_db.Path))
        {
            Query(connection, "PRAGMA application_id = 1234;");
        }

        var error = Assert.Throws<InvalidOperationException>(() => new SqliteEventStore(_db.Path, TestEvents.Options()));
        Assert.Contains("another application", error.Message);
    }

    [Fact]
    public void Refuses_a_file_another_program_versions_itself()
    {
        using (var connection = OpenRaw(_db.Path))
        {
            Query(connection, "CREATE TABLE things (id INTEGER); PRAGMA user_version = 1;");
        }

        var error = Assert.Throws<InvalidOperationException>(() => new SqliteEventStore(_db.Path, TestEvents.Options()));
        Assert.Contains("not an Eventfold store", error.Message);
    }

    [Fact]
    public async Task Adds_its_tables_to_an_existing_unversioned_database()
    {
        using (var connection = OpenRaw(_db.Path))
        {
            Query(connection, "CREATE TABLE things (id INTEGER);");
        }

        await using var store = new SqliteEventStore(_db.Path, TestEvents.Options());
        await store.AppendAsync("s", ExpectedVersion.NoStream, [TestEvents.Added("a")]);
        Assert.Equal(0, await store.GetStreamVersionAsync("s"));
    }

    [Fact]
    public void Refuses_an_in_memory_database_name() =>
        Assert.Throws<ArgumentException>(() => new SqliteEventStore(":memory:"));

    [Theory]
    [InlineData(SqliteSynchronousMode.Normal, "1")]
    [InlineData(SqliteSynchronousMode.Full, "2")]
    public async Task Applies_the_synchronous_setting_to_its_connections(SqliteSynchronousMode mode, string expected)
    {
        var options = new SqliteEventStoreOptions { Serializer = TestEvents.Serializer, Synchronous = mode };
        await using var store = new SqliteEventStore(_db.Path, options);
        var factory = new SqliteConnectionFactory(store.Path, options);
        using var connection = factory.OpenWriter();
        Assert.Equal(expected, Query(connection, "PRAGMA synchronous;").Single());
    }

    [Fact]
    public async Task By_default_every_commit_waits_for_the_disk_so_an_acknowledged_append_survives_power_loss()
    {
        Assert.Equal(SqliteSynchronousMode.Full, new SqliteEventStoreOptions().Synchronous);
        var options = new SqliteEventStoreOptions { Serializer = TestEvents.Serializer };
        await using var store = new SqliteEventStore(_db.Path, options);
        using var connection = new SqliteConnectionFactory(store.Path, options).OpenWriter();
        Assert.Equal("2", Query(connection, "PRAGMA synchronous;").Single());
    }

    internal static SqliteConnection OpenRaw(string path)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        return connection;
    }

    internal static List<string> Query(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var values = new List<string>();
        while (reader.Read())
        {
            values.Add(Convert.ToString(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture)!);
        }

        return values;
    }
}

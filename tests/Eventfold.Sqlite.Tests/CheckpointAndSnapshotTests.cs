using static Eventfold.Sqlite.Tests.SchemaTests;

namespace Eventfold.Sqlite.Tests;

public sealed class CheckpointAndSnapshotTests : IDisposable
{
    private readonly TempDatabase _db = new();

    public void Dispose() => _db.Dispose();

    [Fact]
    public async Task Checkpoints_and_snapshots_survive_reopening_the_file()
    {
        await using (var store = new SqliteEventStore(_db.Path, TestEvents.Options()))
        {
            await store.SetCheckpointAsync("order-totals", GlobalPosition.FromSequence(41));
            await store.SetSnapshotAsync(new Snapshot("order-1", 99, "order-state", 3, """{"total":42}"""u8.ToArray()));
        }

        await using var reopened = new SqliteEventStore(_db.Path, TestEvents.Options());

        Assert.Equal(GlobalPosition.FromSequence(41), await reopened.GetCheckpointAsync("order-totals"));
        var snapshot = await reopened.GetSnapshotAsync("order-1");
        Assert.Equal((99L, "order-state", 3), (snapshot!.Version, snapshot.StateType, snapshot.SchemaVersion));
        Assert.Equal("""{"total":42}""", System.Text.Encoding.UTF8.GetString(snapshot.Data));
    }

    [Fact]
    public async Task A_store_written_by_the_first_schema_gains_the_checkpoint_and_snapshot_tables()
    {
        using (var connection = OpenRaw(_db.Path))
        {
            // The file as schema version 1 left it: the events table only.
            Query(connection, "PRAGMA journal_mode = WAL;");
            Query(connection, """
                CREATE TABLE events (position INTEGER PRIMARY KEY AUTOINCREMENT, stream TEXT NOT NULL, version INTEGER NOT NULL,
                    event_id BLOB NOT NULL UNIQUE, event_name TEXT NOT NULL, schema_version INTEGER NOT NULL, data BLOB NOT NULL,
                    metadata BLOB NOT NULL, timestamp INTEGER NOT NULL, UNIQUE (stream, version)) STRICT;
                CREATE INDEX events_by_event_name ON events (event_name, position);
                PRAGMA application_id = 1163281988; PRAGMA user_version = 1;
                """);
        }

        await using var store = new SqliteEventStore(_db.Path, TestEvents.Options());
        await store.SetCheckpointAsync("replica", GlobalPosition.FromSequence(3));

        Assert.Equal(GlobalPosition.FromSequence(3), await store.GetCheckpointAsync("replica"));
        using var check = OpenRaw(_db.Path);
        Assert.Equal(SqliteSchema.CurrentVersion.ToString(), Query(check, "PRAGMA user_version;").Single());
        Assert.Contains("snapshots", Query(check, "SELECT name FROM sqlite_master WHERE type = 'table';"));
    }

    [Fact]
    public async Task Checkpoints_saved_while_appends_run_are_neither_lost_nor_in_the_way()
    {
        await using var store = new SqliteEventStore(_db.Path, TestEvents.Options());
        var appends = Task.Run(async () =>
        {
            for (int i = 0; i < 50; i++)
            {
                await store.AppendAsync("cart-1", ExpectedVersion.Any, [TestEvents.Added($"sku-{i}")]);
            }
        });
        var checkpoints = Task.Run(async () =>
        {
            for (int i = 1; i <= 50; i++)
            {
                await store.SetCheckpointAsync("busy", GlobalPosition.FromSequence(i));
            }
        });

        await Task.WhenAll(appends, checkpoints);

        Assert.Equal(GlobalPosition.FromSequence(50), await store.GetCheckpointAsync("busy"));
        Assert.Equal(49, await store.GetStreamVersionAsync("cart-1"));
    }
}

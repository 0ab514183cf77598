namespace Eventfold.Sqlite.Tests;

/// <summary>Schema 6 adds the leases table; a schema-5 file is migrated on open and keeps its checkpoints.</summary>
public sealed class LeaseSchemaTests : IDisposable
{
    private readonly TempDatabase _db = new();

    public void Dispose() => _db.Dispose();

    [Fact]
    public async Task A_schema_5_file_gains_the_leases_table_and_keeps_its_checkpoints()
    {
        await using (var store = new SqliteEventStore(_db.Path, TestEvents.Options()))
        {
            await store.SetCheckpointAsync("projection:p", GlobalPosition.FromSequence(4));
        }

        using (var raw = SchemaTests.OpenRaw(_db.Path))
        {
            SchemaTests.Query(raw, "DROP TABLE leases; PRAGMA user_version = 5;");
        }

        await using (var migrated = new SqliteEventStore(_db.Path, TestEvents.Options()))
        {
            var lease = await migrated.TryAcquireLeaseAsync("p", "a", TimeSpan.FromSeconds(5));
            Assert.True(await migrated.TrySetCheckpointAsync(lease!, "projection:p", GlobalPosition.FromSequence(9)));
            Assert.Equal(GlobalPosition.FromSequence(9), await migrated.GetCheckpointAsync("projection:p"));
        }

        using var check = SchemaTests.OpenRaw(_db.Path);
        Assert.Equal("7", SchemaTests.Query(check, "PRAGMA user_version;").Single());
        Assert.Equal(["projection", "owner", "token", "expires"], SchemaTests.Query(check, "SELECT name FROM pragma_table_info('leases') ORDER BY cid;"));
    }
}

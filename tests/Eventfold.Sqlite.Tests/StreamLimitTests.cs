namespace Eventfold.Sqlite.Tests;

/// <summary>Schema 7 keeps each stream's max count in the file, so every process appending to it keeps it bounded.</summary>
public sealed class StreamLimitTests : IDisposable
{
    private readonly TempDatabase _db = new();

    public void Dispose() => _db.Dispose();

    [Fact]
    public async Task A_schema_6_file_gains_the_stream_limits_and_keeps_its_events()
    {
        await using (var store = new SqliteEventStore(_db.Path, TestEvents.Options()))
        {
            await store.AppendAsync("s", ExpectedVersion.NoStream, [TestEvents.Added("a"), TestEvents.Added("b"), TestEvents.Added("c")]);
        }

        using (var raw = SchemaTests.OpenRaw(_db.Path))
        {
            SchemaTests.Query(raw, "DROP TABLE stream_limits; PRAGMA user_version = 6;");
        }

        await using (var migrated = new SqliteEventStore(_db.Path, TestEvents.Options()))
        {
            Assert.Equal(3, await migrated.ReadStreamAsync("s").CountAsync());
            await migrated.SetStreamMaxCountAsync("s", 1);
            Assert.Equal([2L], await migrated.ReadStreamAsync("s").Select(e => e.Version).ToListAsync());
        }

        using var check = SchemaTests.OpenRaw(_db.Path);
        Assert.Equal("7", SchemaTests.Query(check, "PRAGMA user_version;").Single());
        Assert.Equal(["s|1"], SchemaTests.Query(check, "SELECT stream || '|' || max_count FROM stream_limits;"));
    }

    [Fact]
    public async Task A_limit_set_by_one_store_bounds_the_appends_of_another_on_the_same_file()
    {
        await using var first = new SqliteEventStore(_db.Path, TestEvents.Options());
        await using var second = new SqliteEventStore(_db.Path, TestEvents.Options());
        await first.SetStreamMaxCountAsync("s", 2);

        for (int i = 0; i < 5; i++)
        {
            await second.AppendAsync("s", ExpectedVersion.Any, [TestEvents.Added("x" + i)]);
        }

        Assert.Equal([3L, 4L], await first.ReadStreamAsync("s").Select(e => e.Version).ToListAsync());
        Assert.Equal(4, await second.GetStreamVersionAsync("s"));
    }
}

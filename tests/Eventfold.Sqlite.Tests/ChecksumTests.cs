using Microsoft.Data.Sqlite;

namespace Eventfold.Sqlite.Tests;

/// <summary>Bytes changed under the store are detected on read, never read back as another event.</summary>
public sealed class ChecksumTests : IDisposable
{
    private readonly TempDatabase _db = new();

    public void Dispose() => _db.Dispose();

    [Fact]
    public async Task Two_flipped_payload_bytes_fail_the_read_naming_stream_version_position_and_event()
    {
        await using (var store = new SqliteEventStore(_db.Path, TestEvents.Options()))
        {
            await store.AppendAsync("cart-1", ExpectedVersion.NoStream, [TestEvents.Added("sku-1"), TestEvents.Added("sku-2")]);
        }

        // "sku-2" becomes "sku-3" and quantity 1 becomes 2: still valid JSON of the same type.
        using (var raw = SchemaTests.OpenRaw(_db.Path))
        {
            UpdateBlob(raw, "data", "version = 1", bytes => Flip(Flip(bytes, "sku-2", "sku-3"), "\"quantity\":1", "\"quantity\":2"));
        }

        await using var reopened = new SqliteEventStore(_db.Path, TestEvents.Options());
        var ex = await Assert.ThrowsAsync<EventChecksumMismatchException>(async () => await reopened.ReadStreamAsync("cart-1").ToListAsync());
        Assert.Equal("cart-1", ex.Stream);
        Assert.Equal(1, ex.Version);
        Assert.Equal(GlobalPosition.FromSequence(2), ex.Position);
        Assert.Equal("ItemAdded", ex.EventName);
        Assert.Contains("'cart-1'", ex.Message);
        Assert.Contains("version 1", ex.Message);
        Assert.Contains("global position 2", ex.Message);
        Assert.IsAssignableFrom<EventDeserializationException>(ex);

        // The event before it still reads, and the global log fails at the same event.
        var first = await reopened.ReadStreamAsync("cart-1", new StreamReadOptions(MaxCount: 1)).ToListAsync();
        Assert.Equal("sku-1", ((ItemAdded)Assert.Single(first).Event).Sku);
        var all = await Assert.ThrowsAsync<EventChecksumMismatchException>(async () => await reopened.ReadAllAsync(GlobalPosition.Start).ToListAsync());
        Assert.Equal(1, all.Version);
    }

    [Theory]
    [InlineData("metadata")]
    [InlineData("event_name")]
    [InlineData("stream")]
    [InlineData("version")]
    [InlineData("timestamp")]
    public async Task A_change_to_any_other_column_is_detected_too(string column)
    {
        await using (var store = new SqliteEventStore(_db.Path, TestEvents.Options()))
        {
            await store.AppendAsync("cart-1", ExpectedVersion.NoStream, [TestEvents.Added("a", 2)]);
        }

        using (var raw = SchemaTests.OpenRaw(_db.Path))
        {
            SchemaTests.Query(raw, column switch
            {
                "metadata" => "UPDATE events SET metadata = CAST('{\"x\":1}' AS BLOB);",
                "event_name" => "UPDATE events SET event_name = 'ItemRemoved';",
                "stream" => "UPDATE events SET stream = 'cart-2';",
                "version" => "UPDATE events SET version = 1;",
                _ => "UPDATE events SET timestamp = timestamp + 1;",
            });
        }

        await using var reopened = new SqliteEventStore(_db.Path, TestEvents.Options());
        await Assert.ThrowsAsync<EventChecksumMismatchException>(async () => await reopened.ReadAllAsync(GlobalPosition.Start).ToListAsync());
    }

    [Fact]
    public async Task A_schema_2_file_migrates_and_its_rows_without_a_checksum_stay_readable()
    {
        await using (var store = new SqliteEventStore(_db.Path, TestEvents.Options()))
        {
            await store.AppendAsync("cart-1", ExpectedVersion.NoStream, TestEvents.Added(2));
        }

        // Turn the file back into what schema version 2 wrote: no checksum column.
        using (var raw = SchemaTests.OpenRaw(_db.Path))
        {
            SchemaTests.Query(raw, "ALTER TABLE events DROP COLUMN checksum; PRAGMA user_version = 2;");
        }

        await using (var migrated = new SqliteEventStore(_db.Path, TestEvents.Options()))
        {
            Assert.Equal(["sku-0", "sku-1"], (await migrated.ReadStreamAsync("cart-1").ToListAsync()).Select(e => ((ItemAdded)e.Event).Sku));
            await migrated.AppendAsync("cart-1", ExpectedVersion.Exactly(1), [TestEvents.Added("new")]);
        }

        using var check = SchemaTests.OpenRaw(_db.Path);
        Assert.Equal(SqliteSchema.CurrentVersion.ToString(), SchemaTests.Query(check, "PRAGMA user_version;").Single());
        Assert.Equal(["", "", "set"], SchemaTests.Query(check, "SELECT CASE WHEN checksum IS NULL THEN '' ELSE 'set' END FROM events ORDER BY position;"));
    }

    private static void UpdateBlob(SqliteConnection raw, string column, string where, Func<byte[], byte[]> change)
    {
        byte[] bytes;
        using (var select = raw.CreateCommand())
        {
            select.CommandText = $"SELECT {column} FROM events WHERE {where};";
            bytes = (byte[])select.ExecuteScalar()!;
        }

        using var update = raw.CreateCommand();
        update.CommandText = $"UPDATE events SET {column} = $value WHERE {where};";
        update.Parameters.AddWithValue("$value", change(bytes));
        Assert.Equal(1, update.ExecuteNonQuery());
    }

    /// <summary>Replaces <paramref name="from"/> by <paramref name="to"/> (same length), changing one byte each time.</summary>
    private static byte[] Flip(byte[] bytes, string from, string to)
    {
        string text = System.Text.Encoding.UTF8.GetString(bytes);
        Assert.Contains(from, text);
        var changed = System.Text.Encoding.UTF8.GetBytes(text.Replace(from, to));
        Assert.Equal(bytes.Length, changed.Length);
        Assert.Equal(1, bytes.Zip(changed).Count(p => p.First != p.Second));
        return changed;
    }
}

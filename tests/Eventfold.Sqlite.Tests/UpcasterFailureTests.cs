namespace Eventfold.Sqlite.Tests;

public sealed record GreetedV1(string Name);

public sealed record Greeted(string Name, string Language);

/// <summary>A failing upcaster names the event it could not read and leaves it as stored; a fixed one reads it.</summary>
public sealed class UpcasterFailureTests : IDisposable
{
    private readonly TempDatabase _db = new();

    public void Dispose() => _db.Dispose();

    private static SqliteEventStoreOptions Release(Func<GreetedV1, Greeted> upcast)
    {
        var registry = new EventRegistry();
        registry.Register<GreetedV1>("greeted", 1);
        registry.Register<Greeted>("greeted", 2);
        registry.RegisterUpcaster("greeted", 1, upcast);
        return new SqliteEventStoreOptions { Serializer = new EventSerializer(registry) };
    }

    [Fact]
    public async Task A_failing_upcaster_names_the_event_leaves_it_untouched_and_a_fixed_one_reads_it()
    {
        var broken = Release(_ => throw new InvalidOperationException("language lookup failed"));
        byte[] before;
        await using (var store = new SqliteEventStore(_db.Path, broken))
        {
            await store.AppendAsync("greeting-1", ExpectedVersion.NoStream, new object[] { new GreetedV1("Ada") });

            var error = await Assert.ThrowsAsync<EventDeserializationException>(async () => await store.ReadStreamAsync("greeting-1").ToListAsync());

            Assert.Equal(("greeting-1", 0L, "greeted", 1), (error.Stream, error.Version, error.EventName, error.SchemaVersion));
            Assert.Contains("language lookup failed", error.Message);
            using var raw = SchemaTests.OpenRaw(_db.Path);
            before = (byte[])RawData(raw);
        }

        await using (var fixedStore = new SqliteEventStore(_db.Path, Release(e => new Greeted(e.Name, "en"))))
        {
            var read = Assert.Single(await fixedStore.ReadStreamAsync("greeting-1").ToListAsync());
            Assert.Equal(new Greeted("Ada", "en"), read.Event);
        }

        using var check = SchemaTests.OpenRaw(_db.Path);
        Assert.Equal(before, (byte[])RawData(check));
        Assert.Equal("""{"name":"Ada"}""", System.Text.Encoding.UTF8.GetString(before));
    }

    private static object RawData(Microsoft.Data.Sqlite.SqliteConnection raw)
    {
        using var command = raw.CreateCommand();
        command.CommandText = "SELECT data FROM events WHERE stream = 'greeting-1';";
        return command.ExecuteScalar()!;
    }
}

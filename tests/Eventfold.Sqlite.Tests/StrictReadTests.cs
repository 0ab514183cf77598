using System.Text;

namespace Eventfold.Sqlite.Tests;

/// <summary>The first release of an event: it had no email.</summary>
public sealed record SignedUpV0(string UserId);

/// <summary>The same event as a careless release wrote it: email allowed to be null.</summary>
public sealed record SignedUpLoose(string UserId, string? Email);

/// <summary>The event as the application reads it now: both values required.</summary>
public sealed record SignedUp(string UserId, string Email);

/// <summary>
/// Events stored in the file by another release of the application are read strictly: a value the
/// current type requires and the payload lacks, a null where the type allows none, or metadata that
/// is not a JSON object fails naming the stream, version and event.
/// </summary>
public sealed class StrictReadTests : IDisposable
{
    private readonly TempDatabase _db = new();

    public void Dispose() => _db.Dispose();

    [Fact]
    public async Task A_stored_payload_missing_a_required_value_fails_naming_the_member_and_the_event()
    {
        await WriteAsAnotherReleaseAsync<SignedUpV0>(new SignedUpV0("u1"));

        var ex = await ReadFailureAsync();

        Assert.Equal(("user-u1", 0L, "signed-up"), (ex.Stream, ex.Version, ex.EventName));
        Assert.Contains("'email'", ex.Message);
    }

    [Fact]
    public async Task A_stored_null_where_the_type_allows_none_fails_naming_the_member_and_the_event()
    {
        await WriteAsAnotherReleaseAsync<SignedUpLoose>(new SignedUpLoose("u1", null));

        var ex = await ReadFailureAsync();

        Assert.Equal(("user-u1", 0L, "signed-up"), (ex.Stream, ex.Version, ex.EventName));
        Assert.Contains("email", ex.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("null", ex.Message);
    }

    [Fact]
    public async Task Stored_metadata_that_is_not_a_JSON_object_fails_naming_the_event()
    {
        await using (var store = new SqliteEventStore(_db.Path, Options(CurrentRelease())))
        {
            await store.AppendAsync("user-u1", ExpectedVersion.NoStream, [EventData.From(new SignedUp("u1", "a@b"))]);
        }

        using (var connection = SchemaTests.OpenRaw(_db.Path))
        using (var command = connection.CreateCommand())
        {
            // checksum = NULL: a row as an older release wrote it, so the metadata itself is what fails.
            command.CommandText = "UPDATE events SET metadata = $m, checksum = NULL WHERE stream = 'user-u1';";
            command.Parameters.AddWithValue("$m", Encoding.UTF8.GetBytes("written by a tool, not JSON"));
            Assert.Equal(1, command.ExecuteNonQuery());
        }

        var ex = await ReadFailureAsync();

        Assert.Equal(("user-u1", 0L, "signed-up", 1), (ex.Stream, ex.Version, ex.EventName, ex.SchemaVersion));
        Assert.Contains("metadata is unreadable", ex.Message);
    }

    private async Task WriteAsAnotherReleaseAsync<TOld>(TOld @event)
        where TOld : notnull
    {
        var registry = new EventRegistry();
        registry.Register<TOld>("signed-up", 1);
        await using var store = new SqliteEventStore(_db.Path, Options(registry));
        await store.AppendAsync("user-u1", ExpectedVersion.NoStream, [EventData.From(@event)]);
    }

    private async Task<EventDeserializationException> ReadFailureAsync()
    {
        await using var store = new SqliteEventStore(_db.Path, Options(CurrentRelease()));
        return await Assert.ThrowsAsync<EventDeserializationException>(async () => await store.ReadStreamAsync("user-u1").ToListAsync());
    }

    private static EventRegistry CurrentRelease()
    {
        var registry = new EventRegistry();
        registry.Register<SignedUp>("signed-up", 1);
        return registry;
    }

    private static SqliteEventStoreOptions Options(EventRegistry registry) => new() { Serializer = new EventSerializer(registry) };
}

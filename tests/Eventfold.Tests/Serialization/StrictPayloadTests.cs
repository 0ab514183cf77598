using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Eventfold.Tests.Serialization;

public sealed record UserRegistered(string UserId, string Email);

/// <summary>A member that older events lack says so in its type: here a default value.</summary>
public sealed record UserRenamed(string UserId, string? Nickname = null);

/// <summary>A stored payload missing a value its type requires is an error, never a silent default.</summary>
public sealed class StrictPayloadTests
{
    private static byte[] Utf8(string json) => Encoding.UTF8.GetBytes(json);

    private static EventRegistry Users()
    {
        var registry = new EventRegistry();
        registry.Register<UserRegistered>("user.registered", 1);
        registry.Register<UserRenamed>("user.renamed", 1);
        return registry;
    }

    [Fact]
    public void A_payload_missing_a_constructor_value_names_the_member_stream_version_and_event()
    {
        var serializer = new EventSerializer(Users());

        var ex = Assert.Throws<EventDeserializationException>(() => serializer.Deserialize("user-u1", 4, "user.registered", 1, Utf8("""{"userId":"u1"}""")));

        Assert.Equal(("user-u1", 4L, "user.registered", 1), (ex.Stream, ex.Version, ex.EventName, ex.SchemaVersion));
        Assert.Contains("missing required properties including: 'email'", ex.Message);
        Assert.Contains($"failed while reading the payload as '{typeof(UserRegistered).FullName}'", ex.Message);
        Assert.Contains("at version 4 of stream 'user-u1'", ex.Message);
        Assert.IsType<JsonException>(ex.InnerException);
    }

    [Fact]
    public void A_null_for_a_member_that_is_not_nullable_names_the_member_and_the_event()
    {
        var serializer = new EventSerializer(Users());

        var ex = Assert.Throws<EventDeserializationException>(() => serializer.Deserialize("user-u1", 0, "user.registered", 1, Utf8("""{"userId":"u1","email":null}""")));

        Assert.Equal(("user-u1", 0L, "user.registered"), (ex.Stream, ex.Version, ex.EventName));
        Assert.Contains("email", ex.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("null", ex.Message);
    }

    [Fact]
    public void A_member_declared_optional_may_be_missing_or_null()
    {
        var serializer = new EventSerializer(Users());

        Assert.Equal(new UserRenamed("u1"), serializer.Deserialize("user-u1", 1, "user.renamed", 1, Utf8("""{"userId":"u1"}""")));
        Assert.Equal(new UserRenamed("u1"), serializer.Deserialize("user-u1", 1, "user.renamed", 1, Utf8("""{"userId":"u1","nickname":null}""")));
    }

    [Fact]
    public void A_JSON_upcaster_that_forgets_a_member_is_caught_on_read()
    {
        var registry = new EventRegistry();
        registry.Register<UserRegistered>("user.registered", 2);
        registry.RegisterJsonUpcaster("user.registered", 1, old => old); // forgot to add "email"
        var serializer = new EventSerializer(registry);

        var ex = Assert.Throws<EventDeserializationException>(() => serializer.Deserialize("user-u1", 0, "user.registered", 1, Utf8("""{"userId":"u1"}""")));

        Assert.Contains("'email'", ex.Message);
    }

    [Fact]
    public void Writing_a_null_into_a_member_that_is_not_nullable_is_refused()
    {
        var serializer = new EventSerializer(Users());

        var ex = Assert.Throws<JsonException>(() => serializer.Serialize(EventData.From(new UserRegistered("u1", null!))));

        Assert.Contains("Email", ex.Message);
    }

    [Fact]
    public void The_callers_options_are_copied_and_never_changed()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

        var serializer = new EventSerializer(Users(), options);
        options.WriteIndented = true; // still the caller's to change

        Assert.False(options.IsReadOnly);
        Assert.Null(options.TypeInfoResolver);
        Assert.False(options.RespectNullableAnnotations);
        Assert.False(options.RespectRequiredConstructorParameters);
        Assert.NotSame(options, serializer.Options);
        Assert.True(serializer.Options.IsReadOnly);
        Assert.False(serializer.Options.WriteIndented);
        var stored = serializer.Serialize(EventData.From(new UserRegistered("u1", "a@b")));
        Assert.Equal("""{"user_id":"u1","email":"a@b"}""", Encoding.UTF8.GetString(stored.Data)); // the caller's settings carried over
    }

    [Fact]
    public void The_default_options_are_strict_too()
    {
        Assert.True(EventSerializer.Default.Options.RespectNullableAnnotations);
        Assert.True(EventSerializer.Default.Options.RespectRequiredConstructorParameters);
    }

    [Fact]
    public async Task Through_the_in_memory_store_a_payload_missing_a_value_fails_on_read_naming_the_event()
    {
        // The writer leaves "email" out, as an older release of the type did that had no such member.
        var olderWriter = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { LeaveOut(typeof(UserRegistered), "email") } },
        };
        await using var store = new InMemoryEventStore(new EventStoreOptions { Serializer = new EventSerializer(Users(), olderWriter) });
        await store.AppendAsync("user-u1", ExpectedVersion.NoStream, [EventData.From(new UserRenamed("u1")), EventData.From(new UserRegistered("u1", "a@b"))]);

        var ex = await Assert.ThrowsAsync<EventDeserializationException>(async () => await store.ReadStreamAsync("user-u1").ToListAsync());

        Assert.Equal(("user-u1", 1L, "user.registered"), (ex.Stream, ex.Version, ex.EventName));
        Assert.Contains("'email'", ex.Message);
    }

    [Fact]
    public async Task Through_the_in_memory_store_a_null_in_a_member_that_is_not_nullable_is_never_stored()
    {
        await using var store = new InMemoryEventStore(new EventStoreOptions { Serializer = new EventSerializer(Users()) });

        var error = await Assert.ThrowsAsync<ArgumentException>(() => store.AppendAsync("user-u1", ExpectedVersion.Any, [EventData.From(new UserRegistered("u1", null!))]));

        Assert.Contains("Event 0 (UserRegistered) of the append to stream 'user-u1'", error.Message);
        Assert.IsAssignableFrom<JsonException>(error.InnerException);

        Assert.Equal(-1, await store.GetStreamVersionAsync("user-u1"));
    }

    private static Action<JsonTypeInfo> LeaveOut(Type type, string jsonName) => info =>
    {
        if (info.Type == type)
        {
            info.Properties.Single(p => p.Name == jsonName).ShouldSerialize = static (_, _) => false;
        }
    };
}

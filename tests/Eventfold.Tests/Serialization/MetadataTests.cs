using System.Text;

namespace Eventfold.Tests.Serialization;

/// <summary>Metadata is read as written, or refused naming the event: never silently empty.</summary>
public sealed class MetadataTests
{
    private static readonly EventSerializer Serializer = new(TestRegistries.ParcelHistory());

    private static byte[] Utf8(string json) => Encoding.UTF8.GetBytes(json);

    [Theory]
    [InlineData("not json")]
    [InlineData("[1,2]")]
    [InlineData("\"text\"")]
    [InlineData("{\"user\":")]
    [InlineData("{\"user\":\"ann\"} trailing")]
    public void Unreadable_metadata_names_the_stream_version_and_event(string metadata)
    {
        var ex = Assert.Throws<EventDeserializationException>(() => Serializer.DeserializeMetadata("parcel-p-1", 6, "parcel.shipped", 3, Utf8(metadata)));

        Assert.Equal(("parcel-p-1", 6L, "parcel.shipped", 3), (ex.Stream, ex.Version, ex.EventName, ex.SchemaVersion));
        Assert.Contains("metadata is unreadable", ex.Message);
        Assert.NotNull(ex.InnerException);
    }

    [Fact]
    public void No_metadata_and_an_empty_object_read_as_empty()
    {
        Assert.Same(EventMetadata.Empty, Serializer.DeserializeMetadata("s", 0, "e", 1, []));
        Assert.Same(EventMetadata.Empty, Serializer.DeserializeMetadata("s", 0, "e", 1, Utf8("{}")));
    }

    [Fact]
    public void Metadata_round_trips_with_EventStoreDB_keys_and_reads_other_clients_json_objects()
    {
        var metadata = new EventMetadata { CorrelationId = "c", CausationId = "k", Headers = new Dictionary<string, string> { ["user"] = "ann" } };

        var stored = Serializer.Serialize(new EventData(new ParcelShipped("p", "x", 1), Guid.NewGuid(), metadata));
        var back = Serializer.DeserializeMetadata("parcel-p", 0, stored.EventName, stored.SchemaVersion, stored.Metadata);
        var foreign = Serializer.DeserializeMetadata("parcel-p", 1, "parcel.shipped", 3, Utf8("""{"$correlationId":"z","nested":{"a":1},"n":5, "flag":true}"""));

        Assert.Contains("\"$correlationId\":\"c\"", Encoding.UTF8.GetString(stored.Metadata));
        Assert.Equal(("c", "k", "ann"), (back.CorrelationId, back.CausationId, back.Headers!["user"]));
        Assert.Equal("z", foreign.CorrelationId);
        Assert.Equal("""{"a":1}""", foreign.Headers!["nested"]);
        Assert.Equal("5", foreign.Headers["n"]);
        Assert.Equal("true", foreign.Headers["flag"]);
    }
}

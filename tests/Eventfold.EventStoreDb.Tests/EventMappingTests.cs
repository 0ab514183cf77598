using System.Text;
using System.Text.Json;
using Eventfold.EventStoreDb.Mapping;
using Eventfold.EventStoreDb.Protocol;
using Google.Protobuf;
using WireEvent = Eventfold.EventStoreDb.Protocol.Streams.ReadResp.Types.ReadEvent.Types.RecordedEvent;

namespace Eventfold.EventStoreDb.Tests;

public class EventMappingTests
{
    [Fact]
    public void An_appended_event_carries_its_name_json_content_type_and_metadata_with_schema_version()
    {
        var id = Guid.Parse("00112233-4455-6677-8899-aabbccddeeff");
        var data = new EventData(new ItemAdded("sku-1", 3), id, new EventMetadata { CorrelationId = "corr-1", CausationId = "cause-1", Headers = new Dictionary<string, string> { ["tenant"] = "acme" } });

        var message = EventMapping.ToProposedMessage(TestEvents.Serializer.Serialize(data));

        Assert.Equal("00112233-4455-6677-8899-aabbccddeeff", message.Id.String);
        Assert.Equal("ItemAdded", message.Metadata["type"]);
        Assert.Equal("application/json", message.Metadata["content-type"]);
        using var payload = JsonDocument.Parse(message.Data.Memory);
        Assert.Equal("sku-1", payload.RootElement.GetProperty("sku").GetString());
        Assert.Equal(3, payload.RootElement.GetProperty("quantity").GetInt32());
        using var metadata = JsonDocument.Parse(message.CustomMetadata.Memory);
        Assert.Equal(2, metadata.RootElement.GetProperty("$schemaVersion").GetInt32());
        Assert.Equal("corr-1", metadata.RootElement.GetProperty("$correlationId").GetString());
        Assert.Equal("cause-1", metadata.RootElement.GetProperty("$causationId").GetString());
        Assert.Equal("acme", metadata.RootElement.GetProperty("tenant").GetString());
    }

    [Fact]
    public void Metadata_without_headers_still_holds_the_schema_version()
    {
        var message = EventMapping.ToProposedMessage(TestEvents.Serializer.Serialize(EventData.From(new ItemRemoved("x"))));

        Assert.Equal("{\"$schemaVersion\":1}", message.CustomMetadata.ToStringUtf8());
    }

    [Fact]
    public void A_read_event_maps_back_with_position_version_timestamp_schema_and_metadata()
    {
        var id = Guid.NewGuid();
        var written = TestEvents.Serializer.Serialize(new EventData(new ItemAdded("sku-9", 1), id, new EventMetadata { CorrelationId = "c" }));
        var proposed = EventMapping.ToProposedMessage(written);
        var created = new DateTimeOffset(2026, 11, 27, 13, 0, 0, TimeSpan.Zero);
        var wire = new WireEvent
        {
            Id = new UUID { String = id.ToString() },
            StreamIdentifier = EventMapping.ToStreamIdentifier("cart-1"),
            StreamRevision = 4,
            CommitPosition = 1200,
            PreparePosition = 1100,
            Data = proposed.Data,
            CustomMetadata = proposed.CustomMetadata,
            Metadata = { ["type"] = "ItemAdded", ["content-type"] = "application/json", ["created"] = (created - DateTimeOffset.UnixEpoch).Ticks.ToString() },
        };

        var recorded = EventMapping.ToRecordedEvent(wire, TestEvents.Serializer);

        Assert.Equal("cart-1", recorded.Stream);
        Assert.Equal(4, recorded.Version);
        Assert.Equal(new GlobalPosition(1200, 1100), recorded.Position);
        Assert.Equal(id, recorded.EventId);
        Assert.Equal("ItemAdded", recorded.EventName);
        Assert.Equal(2, recorded.SchemaVersion);
        Assert.Equal(new ItemAdded("sku-9", 1), recorded.Event);
        Assert.Equal(created, recorded.Timestamp);
        Assert.Equal("c", recorded.Metadata.CorrelationId);
        Assert.Null(recorded.Metadata.Headers);
    }

    [Fact]
    public void An_event_written_by_another_client_without_schema_version_reads_as_version_one()
    {
        var (schema, rest) = CustomMetadata.Decode("{\"$correlationId\":\"k\",\"source\":{\"app\":\"node\"}}"u8);

        Assert.Equal(1, schema);
        var metadata = TestEvents.Serializer.DeserializeMetadata("cart-1", 0, "ItemAdded", schema, rest);
        Assert.Equal("k", metadata.CorrelationId);
        Assert.Equal("{\"app\":\"node\"}", metadata.Headers!["source"]);
    }

    [Fact]
    public void Metadata_that_is_not_json_is_passed_on_as_is()
    {
        var (schema, rest) = CustomMetadata.Decode("not json"u8);

        Assert.Equal(1, schema);
        Assert.Equal("not json", Encoding.UTF8.GetString(rest));
    }

    [Fact]
    public void The_schema_version_key_is_removed_before_the_serializer_reads_the_metadata()
    {
        var encoded = CustomMetadata.Encode("{\"$causationId\":\"z\"}"u8, 7);
        var (schema, rest) = CustomMetadata.Decode(encoded);

        Assert.Equal(7, schema);
        Assert.Equal("{\"$causationId\":\"z\"}", Encoding.UTF8.GetString(rest));
    }

    [Fact]
    public void An_event_that_is_not_json_gives_a_clear_error()
    {
        var wire = new WireEvent
        {
            Id = new UUID { String = Guid.NewGuid().ToString() },
            StreamIdentifier = EventMapping.ToStreamIdentifier("cart-2"),
            StreamRevision = 0,
            Data = ByteString.CopyFrom(1, 2, 3),
            Metadata = { ["type"] = "ItemAdded", ["content-type"] = "application/octet-stream" },
        };

        var ex = Assert.Throws<EventDeserializationException>(() => EventMapping.ToRecordedEvent(wire, TestEvents.Serializer));

        Assert.Contains("cart-2", ex.Message, StringComparison.Ordinal);
        Assert.Contains("application/octet-stream", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("$$cart-1", "$metadata", true)]
    [InlineData("$ce-cart", "$>", true)]
    [InlineData("cart-1", "$>", true)]
    [InlineData("cart-1", "ItemAdded", false)]
    public void System_streams_and_event_types_are_recognised(string stream, string type, bool system)
    {
        var wire = new WireEvent { StreamIdentifier = EventMapping.ToStreamIdentifier(stream), Metadata = { ["type"] = type } };

        Assert.Equal(system, EventMapping.IsSystemEvent(wire));
    }

    [Fact]
    public void Structured_uuids_hold_the_ids_big_endian_bytes_as_java_does()
    {
        var id = Guid.Parse("00112233-4455-6677-8899-aabbccddeeff");

        var structured = Uuids.ToStructuredForm(id);

        Assert.Equal(0x0011223344556677L, structured.Structured.MostSignificantBits);
        Assert.Equal(unchecked((long)0x8899aabbccddeeffUL), structured.Structured.LeastSignificantBits);
        Assert.Equal(id, Uuids.ToGuid(structured));
        Assert.Equal(id, Uuids.ToGuid(Uuids.ToStringForm(id)));
    }
}

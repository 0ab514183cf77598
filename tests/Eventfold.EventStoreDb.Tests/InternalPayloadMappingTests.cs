using Eventfold.EventStoreDb.Mapping;
using Google.Protobuf;
using WireEvent = Eventfold.EventStoreDb.Protocol.Streams.ReadResp.Types.ReadEvent.Types.RecordedEvent;

namespace Eventfold.EventStoreDb.Tests;

/// <summary>The checkpoint and snapshot payloads both ways, and clear errors for ones the adapter cannot read.</summary>
public class InternalPayloadMappingTests
{
    private static WireEvent AsStored(string stream, ulong revision, Protocol.Streams.AppendReq.Types.ProposedMessage message)
    {
        var e = new WireEvent
        {
            Id = message.Id,
            StreamIdentifier = EventMapping.ToStreamIdentifier(stream),
            StreamRevision = revision,
            Data = message.Data,
            CustomMetadata = message.CustomMetadata,
        };
        e.Metadata.Add(message.Metadata);
        return e;
    }

    private static WireEvent Stored(string stream, string type, string data, string metadata = "")
    {
        var e = new WireEvent
        {
            StreamIdentifier = EventMapping.ToStreamIdentifier(stream),
            StreamRevision = 4,
            Data = ByteString.CopyFromUtf8(data),
            CustomMetadata = ByteString.CopyFromUtf8(metadata),
        };
        e.Metadata[EventMapping.TypeKey] = type;
        return e;
    }

    [Fact]
    public void Stream_names_put_the_reserved_prefix_before_the_consumer_or_stream()
    {
        Assert.Equal("eventfold.checkpoint-cart-summary", InternalStreams.CheckpointStreamOf("cart-summary"));
        Assert.Equal("eventfold.snapshot-cart-1", InternalStreams.SnapshotStreamOf("cart-1"));
        Assert.True(InternalStreams.IsInternal("eventfold.snapshot-cart-1"));
        Assert.False(InternalStreams.IsInternal("eventfold.orders-1"));
        Assert.False(InternalStreams.IsInternal("cart-eventfold.snapshot-1"));
    }

    [Fact]
    public void A_checkpoint_position_round_trips_through_its_event_including_the_largest_positions()
    {
        var position = new GlobalPosition(ulong.MaxValue, 18446744073709551000);

        var message = CheckpointMapping.ToSavedMessage(position);

        Assert.Equal(CheckpointMapping.SavedType, message.Metadata[EventMapping.TypeKey]);
        Assert.Equal(EventMapping.JsonContentType, message.Metadata[EventMapping.ContentTypeKey]);
        Assert.Equal(position, CheckpointMapping.FromEvent(AsStored("eventfold.checkpoint-p", 0, message)));
        Assert.Null(CheckpointMapping.FromEvent(AsStored("eventfold.checkpoint-p", 1, CheckpointMapping.ToClearedMessage())));
    }

    [Fact]
    public void A_checkpoint_ignores_unknown_properties_and_accepts_any_order()
    {
        var e = Stored("eventfold.checkpoint-p", CheckpointMapping.SavedType, """{"note":{"x":[1]},"prepare":5,"commit":6}""");

        Assert.Equal(new GlobalPosition(6, 5), CheckpointMapping.FromEvent(e));
    }

    [Theory]
    [InlineData(CheckpointMapping.SavedType, """{"commit":6}""", "lacks")]
    [InlineData(CheckpointMapping.SavedType, """{"commit":-1,"prepare":1}""", "not a checkpoint's JSON")]
    [InlineData(CheckpointMapping.SavedType, "not json", "not a checkpoint's JSON")]
    [InlineData("ItemAdded", "{}", "holds only")]
    public void An_unreadable_checkpoint_is_an_error_naming_the_stream_version_and_event(string type, string data, string reason)
    {
        var ex = Assert.Throws<EventDeserializationException>(() => CheckpointMapping.FromEvent(Stored("eventfold.checkpoint-p", type, data)));

        Assert.Equal(("eventfold.checkpoint-p", 4L, type), (ex.Stream, ex.Version, ex.EventName));
        Assert.Contains(reason, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_snapshot_round_trips_with_its_data_untouched_and_copied()
    {
        byte[] data = """{"items":[1,2]}"""u8.ToArray();
        var snapshot = new Snapshot("cart-1", long.MaxValue, "shop.cart-state", int.MaxValue, data);

        var message = SnapshotMapping.ToMessage(snapshot);
        data[0] = (byte)'X';
        var read = SnapshotMapping.FromEvent("cart-1", AsStored("eventfold.snapshot-cart-1", 0, message));

        Assert.Equal(SnapshotMapping.EventType, message.Metadata[EventMapping.TypeKey]);
        Assert.Equal((snapshot.Stream, snapshot.Version, snapshot.StateType, snapshot.SchemaVersion), (read.Stream, read.Version, read.StateType, read.SchemaVersion));
        Assert.Equal("""{"items":[1,2]}""", System.Text.Encoding.UTF8.GetString(read.Data));
        Assert.Equal(long.MaxValue, SnapshotMapping.TryVersionOf(AsStored("eventfold.snapshot-cart-1", 0, message)));
    }

    [Theory]
    [InlineData(SnapshotMapping.EventType, """{"version":3,"stateType":"s"}""", "lacks")]
    [InlineData(SnapshotMapping.EventType, "", "not a snapshot's JSON")]
    [InlineData(SnapshotMapping.EventType, """{"version":"3","stateType":"s","schemaVersion":1}""", "not a snapshot's JSON")]
    [InlineData("eventfold.checkpoint", """{"version":3,"stateType":"s","schemaVersion":1}""", "holds only")]
    public void An_unreadable_snapshot_is_an_error_on_read_and_counts_as_no_version_on_write(string type, string metadata, string reason)
    {
        var e = Stored("eventfold.snapshot-cart-1", type, "{}", metadata);

        var ex = Assert.Throws<EventDeserializationException>(() => SnapshotMapping.FromEvent("cart-1", e));

        Assert.Equal(("eventfold.snapshot-cart-1", 4L, type), (ex.Stream, ex.Version, ex.EventName));
        Assert.Contains(reason, ex.Message, StringComparison.Ordinal);
        Assert.Null(SnapshotMapping.TryVersionOf(e));
    }
}

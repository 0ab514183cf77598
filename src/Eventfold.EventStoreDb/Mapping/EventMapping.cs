using System.Globalization;
using Eventfold.EventStoreDb.Protocol;
using Eventfold.EventStoreDb.Protocol.Streams;
using Google.Protobuf;

namespace Eventfold.EventStoreDb.Mapping;

/// <summary>Events both ways between Eventfold's types and the Streams protocol's messages.</summary>
internal static class EventMapping
{
    public const string TypeKey = "type";
    public const string ContentTypeKey = "content-type";
    public const string CreatedKey = "created";
    public const string JsonContentType = "application/json";

    public static StreamIdentifier ToStreamIdentifier(string stream) => new() { StreamName = ByteString.CopyFromUtf8(stream) };

    public static AppendReq.Types.ProposedMessage ToProposedMessage(SerializedEvent e)
    {
        var message = new AppendReq.Types.ProposedMessage
        {
            Id = Uuids.ToStringForm(e.EventId),
            Data = UnsafeByteOperations.UnsafeWrap(e.Data),
            CustomMetadata = UnsafeByteOperations.UnsafeWrap(CustomMetadata.Encode(e.Metadata, e.SchemaVersion)),
        };
        message.Metadata[TypeKey] = e.EventName;
        message.Metadata[ContentTypeKey] = JsonContentType;
        return message;
    }

    /// <summary>The size the server counts against its append limit: data plus metadata.</summary>
    public static int SizeOf(AppendReq.Types.ProposedMessage message) => message.Data.Length + message.CustomMetadata.Length;

    /// <summary>
    /// True for events Eventfold never hands to users: system streams and system event types
    /// (stream metadata, links, the server's statistics), whose names start with '$'.
    /// </summary>
    public static bool IsSystemEvent(ReadResp.Types.ReadEvent.Types.RecordedEvent e) =>
        (e.Metadata.TryGetValue(TypeKey, out var type) && type.StartsWith('$')) ||
        (e.StreamIdentifier?.StreamName is { Length: > 0 } name && name[0] == (byte)'$');

    public static string StreamOf(ReadResp.Types.ReadEvent.Types.RecordedEvent e) => e.StreamIdentifier?.StreamName.ToStringUtf8() ?? "";

    public static GlobalPosition PositionOf(ReadResp.Types.ReadEvent.Types.RecordedEvent e) => new(e.CommitPosition, e.PreparePosition);

    public static RecordedEvent ToRecordedEvent(ReadResp.Types.ReadEvent.Types.RecordedEvent e, EventSerializer serializer)
    {
        string stream = StreamOf(e);
        long version = checked((long)e.StreamRevision);
        string eventName = e.Metadata.TryGetValue(TypeKey, out var type) ? type : "";
        var (schemaVersion, metadata) = CustomMetadata.Decode(e.CustomMetadata.Span);
        if (e.Metadata.TryGetValue(ContentTypeKey, out var contentType) && contentType != JsonContentType)
        {
            throw new EventDeserializationException(stream, version, eventName, schemaVersion, $"its content type is '{contentType}', not '{JsonContentType}'");
        }

        object value = serializer.Deserialize(stream, version, eventName, schemaVersion, e.Data.Span);
        return new RecordedEvent(
            stream,
            version,
            PositionOf(e),
            Uuids.ToGuid(e.Id),
            eventName,
            schemaVersion,
            value,
            TimestampOf(e),
            serializer.DeserializeMetadata(stream, version, eventName, schemaVersion, metadata));
    }

    /// <summary>The server stamps events with .NET ticks since the Unix epoch.</summary>
    public static DateTimeOffset TimestampOf(ReadResp.Types.ReadEvent.Types.RecordedEvent e) =>
        e.Metadata.TryGetValue(CreatedKey, out var created) && long.TryParse(created, NumberStyles.Integer, CultureInfo.InvariantCulture, out long ticks)
            ? DateTimeOffset.UnixEpoch.AddTicks(ticks)
            : DateTimeOffset.UnixEpoch;
}

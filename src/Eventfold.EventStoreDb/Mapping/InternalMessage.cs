using System.Text.Json;
using Eventfold.EventStoreDb.Protocol.Streams;
using Google.Protobuf;

namespace Eventfold.EventStoreDb.Mapping;

/// <summary>What the checkpoint and snapshot events share: how they are proposed and how their JSON opens.</summary>
internal static class InternalMessage
{
    public static AppendReq.Types.ProposedMessage Create(string eventType, byte[] data, byte[] customMetadata)
    {
        var message = new AppendReq.Types.ProposedMessage
        {
            Id = Uuids.ToStringForm(Guid.NewGuid()),
            Data = UnsafeByteOperations.UnsafeWrap(data),
            CustomMetadata = UnsafeByteOperations.UnsafeWrap(customMetadata),
        };
        message.Metadata[EventMapping.TypeKey] = eventType;
        message.Metadata[EventMapping.ContentTypeKey] = EventMapping.JsonContentType;
        return message;
    }

    public static void ReadStartObject(ref Utf8JsonReader reader)
    {
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("expected a JSON object");
        }
    }
}

using System.Text.Json;
using Eventfold.EventStoreDb.Protocol.Streams;
using WireEvent = Eventfold.EventStoreDb.Protocol.Streams.ReadResp.Types.ReadEvent.Types.RecordedEvent;

namespace Eventfold.EventStoreDb.Mapping;

/// <summary>
/// A consumer's checkpoint as the event its checkpoint stream ends with: <see cref="SavedType"/> holding
/// <c>{"commit":…,"prepare":…}</c> (and <c>"token"</c>, the fencing token of the projection lease it was
/// written under, when there was one), or <see cref="ClearedType"/> once the checkpoint is deleted. Written
/// by the adapter itself: these are not registered events and never pass through the EventSerializer.
/// </summary>
internal static class CheckpointMapping
{
    public const string SavedType = "eventfold.checkpoint";
    public const string ClearedType = "eventfold.checkpoint-cleared";

    public static AppendReq.Types.ProposedMessage ToSavedMessage(GlobalPosition position, long leaseToken = 0)
    {
        using var buffer = new MemoryStream(64);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteNumber("commit", position.Commit);
            writer.WriteNumber("prepare", position.Prepare);
            if (leaseToken > 0)
            {
                writer.WriteNumber("token", leaseToken);
            }

            writer.WriteEndObject();
        }

        return InternalMessage.Create(SavedType, buffer.ToArray(), []);
    }

    public static AppendReq.Types.ProposedMessage ToClearedMessage() => InternalMessage.Create(ClearedType, "{}"u8.ToArray(), []);

    /// <summary>The position the event holds, or null for a cleared checkpoint.</summary>
    public static GlobalPosition? FromEvent(WireEvent e) => Read(e).Position;

    /// <summary>The position the event holds (null for a cleared checkpoint) and the lease token it was written under (0: none).</summary>
    public static (GlobalPosition? Position, long LeaseToken) Read(WireEvent e)
    {
        string stream = EventMapping.StreamOf(e);
        long version = (long)e.StreamRevision;
        string type = e.Metadata.GetValueOrDefault(EventMapping.TypeKey, "");
        switch (type)
        {
            case ClearedType:
                return (null, 0);
            case SavedType:
                break;
            default:
                throw new EventDeserializationException(stream, version, type, 1, $"a checkpoint stream holds only '{SavedType}' and '{ClearedType}' events");
        }

        ulong? commit = null, prepare = null;
        long token = 0;
        try
        {
            var reader = new Utf8JsonReader(e.Data.Span);
            InternalMessage.ReadStartObject(ref reader);
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                string name = reader.GetString()!;
                reader.Read();
                switch (name)
                {
                    case "commit":
                        commit = reader.GetUInt64();
                        break;
                    case "prepare":
                        prepare = reader.GetUInt64();
                        break;
                    case "token":
                        token = reader.GetInt64();
                        break;
                    default:
                        reader.Skip();
                        break;
                }
            }
        }
        catch (Exception ex) when (ex is JsonException or FormatException or InvalidOperationException)
        {
            throw new EventDeserializationException(stream, version, type, 1, "its data is not a checkpoint's JSON object", ex);
        }

        if (commit is null || prepare is null)
        {
            throw new EventDeserializationException(stream, version, type, 1, "its data lacks 'commit' or 'prepare'");
        }

        return (new GlobalPosition(commit.Value, prepare.Value), token);
    }
}

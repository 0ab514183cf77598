using System.Text.Json;
using Eventfold.EventStoreDb.Protocol.Streams;
using WireEvent = Eventfold.EventStoreDb.Protocol.Streams.ReadResp.Types.ReadEvent.Types.RecordedEvent;

namespace Eventfold.EventStoreDb.Mapping;

/// <summary>
/// A projection's parked events as the history of its parked stream: <see cref="ParkedType"/> holds a whole
/// <see cref="ParkedEvent"/> (a later one at the same position replaces it), <see cref="UnparkedType"/>
/// <c>{"commit":…,"prepare":…}</c> ends it (replayed or discarded). What is still parked is the fold of that
/// history, so nothing needs <c>$maxCount</c>, which would drop records that are still parked.
/// Written by the adapter itself, never through the EventSerializer.
/// </summary>
internal static class ParkedMapping
{
    public const string ParkedType = "eventfold.parked";
    public const string UnparkedType = "eventfold.unparked";

    public static AppendReq.Types.ProposedMessage ToParkedMessage(ParkedEvent parked) => InternalMessage.Create(ParkedType, Json(writer =>
    {
        writer.WriteString("stream", parked.Stream);
        writer.WriteNumber("version", parked.Version);
        writer.WriteNumber("commit", parked.Position.Commit);
        writer.WriteNumber("prepare", parked.Position.Prepare);
        writer.WriteString("eventId", parked.EventId);
        writer.WriteString("eventName", parked.EventName);
        writer.WriteString("error", parked.Error);
        writer.WriteNumber("attempts", parked.Attempts);
        writer.WriteString("parkedAt", parked.ParkedAt);
    }), []);

    public static AppendReq.Types.ProposedMessage ToUnparkedMessage(GlobalPosition position) => InternalMessage.Create(UnparkedType, Json(writer =>
    {
        writer.WriteNumber("commit", position.Commit);
        writer.WriteNumber("prepare", position.Prepare);
    }), []);

    /// <summary>Applies one event of <paramref name="projection"/>'s parked stream to what is still parked.</summary>
    public static void Apply(string projection, WireEvent e, SortedDictionary<GlobalPosition, ParkedEvent> stillParked)
    {
        string stream = EventMapping.StreamOf(e);
        long version = (long)e.StreamRevision;
        string type = e.Metadata.GetValueOrDefault(EventMapping.TypeKey, "");
        if (type is not (ParkedType or UnparkedType))
        {
            throw new EventDeserializationException(stream, version, type, 1, $"a parked stream holds only '{ParkedType}' and '{UnparkedType}' events");
        }

        try
        {
            using var document = JsonDocument.Parse(e.Data.Memory);
            var root = document.RootElement;
            var position = new GlobalPosition(root.GetProperty("commit").GetUInt64(), root.GetProperty("prepare").GetUInt64());
            if (type == UnparkedType)
            {
                stillParked.Remove(position);
                return;
            }

            stillParked[position] = new ParkedEvent(
                projection,
                root.GetProperty("stream").GetString()!,
                root.GetProperty("version").GetInt64(),
                position,
                root.GetProperty("eventId").GetGuid(),
                root.GetProperty("eventName").GetString()!,
                root.GetProperty("error").GetString()!,
                root.GetProperty("attempts").GetInt32(),
                root.GetProperty("parkedAt").GetDateTimeOffset());
        }
        catch (Exception ex) when (ex is JsonException or FormatException or InvalidOperationException or KeyNotFoundException)
        {
            throw new EventDeserializationException(stream, version, type, 1, "its data is not a parked record's JSON object", ex);
        }
    }

    private static byte[] Json(Action<Utf8JsonWriter> writeProperties)
    {
        using var buffer = new MemoryStream(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writeProperties(writer);
            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }
}

using System.Text.Json;
using Eventfold.EventStoreDb.Protocol.Streams;
using WireEvent = Eventfold.EventStoreDb.Protocol.Streams.ReadResp.Types.ReadEvent.Types.RecordedEvent;

namespace Eventfold.EventStoreDb.Mapping;

/// <summary>
/// A snapshot as a <see cref="EventType"/> event of its snapshot stream: the event's data is the
/// snapshot's JSON as given, and its metadata <c>{"version":…,"stateType":…,"schemaVersion":…}</c>;
/// or a <see cref="ClearedType"/> event once the snapshot is deleted. Written by the adapter itself,
/// never through the EventSerializer.
/// </summary>
internal static class SnapshotMapping
{
    public const string EventType = "eventfold.snapshot";
    public const string ClearedType = "eventfold.snapshot-cleared";

    public static AppendReq.Types.ProposedMessage ToClearedMessage() => InternalMessage.Create(ClearedType, "{}"u8.ToArray(), []);

    /// <summary>Whether <paramref name="e"/> marks the snapshot as deleted.</summary>
    public static bool IsCleared(WireEvent e) => e.Metadata.GetValueOrDefault(EventMapping.TypeKey, "") == ClearedType;

    public static AppendReq.Types.ProposedMessage ToMessage(Snapshot snapshot)
    {
        using var buffer = new MemoryStream(128);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteNumber("version", snapshot.Version);
            writer.WriteString("stateType", snapshot.StateType);
            writer.WriteNumber("schemaVersion", snapshot.SchemaVersion);
            writer.WriteEndObject();
        }

        // A copy, so a caller that reuses its buffer cannot change what is sent.
        return InternalMessage.Create(EventType, [.. snapshot.Data], buffer.ToArray());
    }

    /// <summary>The snapshot of <paramref name="stream"/> that <paramref name="e"/> (from its snapshot stream) holds.</summary>
    public static Snapshot FromEvent(string stream, WireEvent e)
    {
        var (version, stateType, schemaVersion) = ReadHeader(e);
        return new Snapshot(stream, version, stateType, schemaVersion, e.Data.ToByteArray());
    }

    /// <summary>The version of the snapshot <paramref name="e"/> holds, or null when it is not a readable snapshot.</summary>
    public static long? TryVersionOf(WireEvent e)
    {
        try
        {
            return ReadHeader(e).Version;
        }
        catch (EventDeserializationException)
        {
            return null;
        }
    }

    private static (long Version, string StateType, int SchemaVersion) ReadHeader(WireEvent e)
    {
        string snapshotStream = EventMapping.StreamOf(e);
        long revision = (long)e.StreamRevision;
        string type = e.Metadata.GetValueOrDefault(EventMapping.TypeKey, "");
        if (type != EventType)
        {
            throw new EventDeserializationException(snapshotStream, revision, type, 1, $"a snapshot stream holds only '{EventType}' events");
        }

        long? version = null;
        string? stateType = null;
        int? schemaVersion = null;
        try
        {
            var reader = new Utf8JsonReader(e.CustomMetadata.Span);
            InternalMessage.ReadStartObject(ref reader);
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                string name = reader.GetString()!;
                reader.Read();
                switch (name)
                {
                    case "version":
                        version = reader.GetInt64();
                        break;
                    case "stateType":
                        stateType = reader.GetString();
                        break;
                    case "schemaVersion":
                        schemaVersion = reader.GetInt32();
                        break;
                    default:
                        reader.Skip();
                        break;
                }
            }
        }
        catch (Exception ex) when (ex is JsonException or FormatException or InvalidOperationException)
        {
            throw new EventDeserializationException(snapshotStream, revision, type, 1, "its metadata is not a snapshot's JSON object", ex);
        }

        if (version is null || stateType is null || schemaVersion is null)
        {
            throw new EventDeserializationException(snapshotStream, revision, type, 1, "its metadata lacks 'version', 'stateType' or 'schemaVersion'");
        }

        return (version.Value, stateType, schemaVersion.Value);
    }
}

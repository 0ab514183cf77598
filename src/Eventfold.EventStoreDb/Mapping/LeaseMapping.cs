using System.Text.Json;
using Eventfold.EventStoreDb.Protocol.Streams;
using WireEvent = Eventfold.EventStoreDb.Protocol.Streams.ReadResp.Types.ReadEvent.Types.RecordedEvent;

namespace Eventfold.EventStoreDb.Mapping;

/// <summary>
/// A projection's lease as the event its lease stream ends with: <see cref="Type"/> holding
/// <c>{"owner":…,"token":…,"expires":…}</c>, the expiry in UTC ticks. A released lease keeps its token with
/// an empty owner, so the next acquisition still counts on from it. Written by the adapter itself.
/// </summary>
internal static class LeaseMapping
{
    public const string Type = "eventfold.lease";

    public static AppendReq.Types.ProposedMessage ToMessage(ProjectionLease lease)
    {
        using var buffer = new MemoryStream(96);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("owner", lease.Owner);
            writer.WriteNumber("token", lease.Token);
            writer.WriteNumber("expires", lease.ExpiresAt.UtcTicks);
            writer.WriteEndObject();
        }

        return InternalMessage.Create(Type, buffer.ToArray(), []);
    }

    /// <summary>The lease of <paramref name="projection"/> the event holds (possibly released: empty owner).</summary>
    public static ProjectionLease FromEvent(string projection, WireEvent e)
    {
        string stream = EventMapping.StreamOf(e);
        long version = (long)e.StreamRevision;
        string type = e.Metadata.GetValueOrDefault(EventMapping.TypeKey, "");
        if (type != Type)
        {
            throw new EventDeserializationException(stream, version, type, 1, $"a lease stream holds only '{Type}' events");
        }

        string? owner = null;
        long? token = null, expires = null;
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
                    case "owner":
                        owner = reader.GetString();
                        break;
                    case "token":
                        token = reader.GetInt64();
                        break;
                    case "expires":
                        expires = reader.GetInt64();
                        break;
                    default:
                        reader.Skip();
                        break;
                }
            }
        }
        catch (Exception ex) when (ex is JsonException or FormatException or InvalidOperationException)
        {
            throw new EventDeserializationException(stream, version, type, 1, "its data is not a lease's JSON object", ex);
        }

        if (owner is null || token is null || expires is null)
        {
            throw new EventDeserializationException(stream, version, type, 1, "its data lacks 'owner', 'token' or 'expires'");
        }

        return new ProjectionLease(projection, owner, token.Value, new DateTimeOffset(expires.Value, TimeSpan.Zero));
    }
}

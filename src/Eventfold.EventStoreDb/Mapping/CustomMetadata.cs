using System.Text;
using System.Text.Json;

namespace Eventfold.EventStoreDb.Mapping;

/// <summary>
/// EventStoreDB carries an event's own metadata as opaque bytes. Eventfold stores there the JSON object
/// of <see cref="EventMetadata"/> (with <c>$correlationId</c> and <c>$causationId</c>, which the server's
/// projections understand) plus the event's schema version under <see cref="SchemaVersionKey"/>.
/// </summary>
internal static class CustomMetadata
{
    public const string SchemaVersionKey = "$schemaVersion";

    /// <summary>Adds the schema version to the metadata JSON object the serializer wrote.</summary>
    public static byte[] Encode(ReadOnlySpan<byte> metadataJson, int schemaVersion)
    {
        var prefix = Encoding.UTF8.GetBytes($"{{\"{SchemaVersionKey}\":{schemaVersion.ToString(System.Globalization.CultureInfo.InvariantCulture)}");
        var body = metadataJson.Trim(" \t\r\n"u8);
        bool emptyObject = body.Length < 2 || body[0] != (byte)'{' || body[1..].Trim(" \t\r\n"u8).SequenceEqual("}"u8);
        if (emptyObject)
        {
            return [.. prefix, (byte)'}'];
        }

        return [.. prefix, (byte)',', .. body[1..]];
    }

    /// <summary>
    /// Splits stored metadata into the schema version (1 when absent, as for events other clients
    /// wrote) and the rest of the JSON object, which <see cref="EventSerializer.DeserializeMetadata"/> reads.
    /// </summary>
    public static (int SchemaVersion, byte[] Metadata) Decode(ReadOnlySpan<byte> stored)
    {
        if (stored.IsEmpty)
        {
            return (1, []);
        }

        int schemaVersion = 1;
        try
        {
            var reader = new Utf8JsonReader(stored);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return (1, stored.ToArray());
            }

            var buffer = new System.Buffers.ArrayBufferWriter<byte>(stored.Length);
            using (var writer = new Utf8JsonWriter(buffer))
            {
                writer.WriteStartObject();
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    if (reader.ValueTextEquals(SchemaVersionKey))
                    {
                        reader.Read();
                        if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out int v) && v > 0)
                        {
                            schemaVersion = v;
                        }

                        reader.Skip();
                        continue;
                    }

                    writer.WritePropertyName(reader.GetString()!);
                    reader.Read();
                    using var value = JsonDocument.ParseValue(ref reader);
                    value.RootElement.WriteTo(writer);
                }

                writer.WriteEndObject();
            }

            return (schemaVersion, buffer.WrittenSpan.ToArray());
        }
        catch (JsonException)
        {
            // Another client's metadata need not be JSON: passed on as is, the serializer refuses it, naming the event.
            return (1, stored.ToArray());
        }
    }
}

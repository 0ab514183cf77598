using System.Text;
using System.Text.Json;

namespace Eventfold;

/// <summary>
/// Writes metadata as a flat JSON object, with correlation and causation under EventStoreDB's
/// <c>$correlationId</c>/<c>$causationId</c> keys so its own projections and other clients read them.
/// </summary>
internal static class MetadataCodec
{
    internal const string CorrelationKey = "$correlationId";
    internal const string CausationKey = "$causationId";

    private static readonly byte[] EmptyObject = "{}"u8.ToArray();

    public static byte[] Encode(EventMetadata metadata)
    {
        if (metadata.CorrelationId is null && metadata.CausationId is null && metadata.Headers is not { Count: > 0 })
        {
            return EmptyObject;
        }

        var buffer = new System.Buffers.ArrayBufferWriter<byte>(128);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            if (metadata.CorrelationId is not null)
            {
                writer.WriteString(CorrelationKey, metadata.CorrelationId);
            }

            if (metadata.CausationId is not null)
            {
                writer.WriteString(CausationKey, metadata.CausationId);
            }

            foreach (var (key, value) in metadata.Headers ?? new Dictionary<string, string>())
            {
                writer.WriteString(key, value);
            }

            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Reads metadata written by <see cref="Encode"/> or by another client: any flat or nested JSON object.</summary>
    /// <exception cref="JsonException">The bytes are not valid JSON.</exception>
    /// <exception cref="FormatException">The JSON is not an object.</exception>
    public static EventMetadata Decode(ReadOnlySpan<byte> json)
    {
        if (json.IsEmpty || json.SequenceEqual(EmptyObject))
        {
            return EventMetadata.Empty;
        }

        string? correlation = null, causation = null;
        Dictionary<string, string>? headers = null;
        var reader = new Utf8JsonReader(json);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            throw new FormatException($"it is a JSON {reader.TokenType}, not an object");
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            string key = reader.GetString()!;
            reader.Read();
            string? value = reader.TokenType switch
            {
                JsonTokenType.String => reader.GetString(),
                JsonTokenType.StartObject or JsonTokenType.StartArray => SkipAndCapture(ref reader, json),
                JsonTokenType.Null => null,
                _ => Encoding.UTF8.GetString(reader.ValueSpan),
            };
            switch (key)
            {
                case CorrelationKey: correlation = value; break;
                case CausationKey: causation = value; break;
                default:
                    if (value is not null)
                    {
                        (headers ??= new Dictionary<string, string>(StringComparer.Ordinal))[key] = value;
                    }

                    break;
            }
        }

        // Past the object's end the reader finds nothing, or throws on what does not belong there.
        _ = reader.Read();

        return new EventMetadata { CorrelationId = correlation, CausationId = causation, Headers = headers };
    }

    private static string SkipAndCapture(ref Utf8JsonReader reader, ReadOnlySpan<byte> json)
    {
        int start = (int)reader.TokenStartIndex;
        reader.Skip();
        int end = (int)reader.BytesConsumed;
        return Encoding.UTF8.GetString(json[start..end]);
    }
}

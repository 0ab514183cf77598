using System.Buffers.Binary;
using System.Globalization;
using Eventfold.EventStoreDb.Protocol;

namespace Eventfold.EventStoreDb.Mapping;

/// <summary>
/// Event ids on the wire. The server reads either form; the structured form holds the id's RFC 4122
/// (big-endian) bytes as two signed 64-bit halves, as Java's UUID does.
/// </summary>
internal static class Uuids
{
    public static UUID ToStringForm(Guid id) => new() { String = id.ToString("D", CultureInfo.InvariantCulture) };

    public static UUID ToStructuredForm(Guid id)
    {
        Span<byte> bytes = stackalloc byte[16];
        id.TryWriteBytes(bytes, bigEndian: true, out _);
        return new UUID
        {
            Structured = new UUID.Types.Structured
            {
                MostSignificantBits = BinaryPrimitives.ReadInt64BigEndian(bytes[..8]),
                LeastSignificantBits = BinaryPrimitives.ReadInt64BigEndian(bytes[8..]),
            },
        };
    }

    public static Guid ToGuid(UUID? uuid)
    {
        switch (uuid?.ValueCase)
        {
            case UUID.ValueOneofCase.String:
                return Guid.Parse(uuid.String, CultureInfo.InvariantCulture);
            case UUID.ValueOneofCase.Structured:
                Span<byte> bytes = stackalloc byte[16];
                BinaryPrimitives.WriteInt64BigEndian(bytes[..8], uuid.Structured.MostSignificantBits);
                BinaryPrimitives.WriteInt64BigEndian(bytes[8..], uuid.Structured.LeastSignificantBits);
                return new Guid(bytes, bigEndian: true);
            default:
                return Guid.Empty;
        }
    }
}

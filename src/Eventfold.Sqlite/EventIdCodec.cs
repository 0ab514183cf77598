namespace Eventfold.Sqlite;

/// <summary>
/// Stores event ids as 16 big-endian bytes: compact, and time-ordered ids (version 7, as
/// <see cref="EventData.From"/> makes) then sort by time, so the unique index grows at its end.
/// </summary>
internal static class EventIdCodec
{
    public static byte[] Encode(Guid id)
    {
        var bytes = new byte[16];
        id.TryWriteBytes(bytes, bigEndian: true, out _);
        return bytes;
    }

    public static Guid Decode(ReadOnlySpan<byte> bytes) => new(bytes, bigEndian: true);
}

using System.Buffers;
using System.Buffers.Binary;
using System.IO.Hashing;
using System.Text;

namespace Eventfold.Sqlite;

/// <summary>
/// The checksum stored with every event (column <c>checksum</c>, schema version 3): XxHash3 over every
/// column the store writes but the position. SQLite checks its own pages, not what they hold, so without
/// this a flipped byte in a payload would be read back as another event. Rows written before schema 3
/// have no checksum and are read unchecked.
/// </summary>
internal static class EventChecksum
{
    [ThreadStatic]
    private static XxHash3? t_hash;

    [ThreadStatic]
    private static byte[]? t_text;

    public static long Compute(string stream, long version, ReadOnlySpan<byte> eventId, string eventName, int schemaVersion,
        ReadOnlySpan<byte> data, ReadOnlySpan<byte> metadata, long timestampTicks)
    {
        var hash = t_hash ??= new XxHash3();
        hash.Reset();
        Span<byte> number = stackalloc byte[8];
        AppendText(hash, stream, number);
        AppendNumber(hash, version, number);
        AppendBytes(hash, eventId, number);
        AppendText(hash, eventName, number);
        AppendNumber(hash, schemaVersion, number);
        AppendBytes(hash, data, number);
        AppendBytes(hash, metadata, number);
        AppendNumber(hash, timestampTicks, number);
        return unchecked((long)hash.GetCurrentHashAsUInt64());
    }

    /// <summary>Throws <see cref="EventChecksumMismatchException"/> when <paramref name="row"/> has a checksum its bytes do not match.</summary>
    public static void Verify(StoredEvent row)
    {
        if (row.Checksum is not { } stored)
        {
            return;
        }

        Span<byte> eventId = stackalloc byte[16];
        row.EventId.TryWriteBytes(eventId, bigEndian: true, out _);
        long actual = Compute(row.Stream, row.Version, eventId, row.EventName, row.SchemaVersion, row.Data, row.Metadata, row.TimestampTicks);
        if (actual != stored)
        {
            throw new EventChecksumMismatchException(row.Stream, row.Version, GlobalPosition.FromSequence(row.Position), row.EventName, row.SchemaVersion);
        }
    }

    // Every field is length-prefixed, so bytes cannot move from one field to the next unnoticed.
    private static void AppendBytes(XxHash3 hash, ReadOnlySpan<byte> bytes, Span<byte> number)
    {
        AppendNumber(hash, bytes.Length, number);
        hash.Append(bytes);
    }

    private static void AppendNumber(XxHash3 hash, long value, Span<byte> number)
    {
        BinaryPrimitives.WriteInt64LittleEndian(number, value);
        hash.Append(number);
    }

    private static void AppendText(XxHash3 hash, string text, Span<byte> number)
    {
        // Names are short: a reused buffer, no allocation and no zeroing per row.
        int max = Encoding.UTF8.GetMaxByteCount(text.Length);
        byte[]? rented = max > 1024 ? ArrayPool<byte>.Shared.Rent(max) : null;
        byte[] buffer = rented ?? (t_text ??= new byte[1024]);
        try
        {
            int written = Encoding.UTF8.GetBytes(text, buffer);
            AppendBytes(hash, buffer.AsSpan(0, written), number);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }
}

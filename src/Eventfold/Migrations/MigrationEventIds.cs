using System.Security.Cryptography;
using System.Text;

namespace Eventfold;

/// <summary>
/// The ids a migration gives the events it writes, derived from where each comes from (source stream,
/// version, part), so a rerun, or a second run racing the first, appends the very same ids and the store
/// recognises the append as a retry. Ids are unique per stream, so two targets of one source may share them.
/// </summary>
internal static class MigrationEventIds
{
    /// <summary>The id of part <paramref name="part"/> of what source event <paramref name="version"/> became.</summary>
    public static Guid For(string source, long version, int part) =>
        FromName($"event|{source.Length}:{source}|{version}|{part}");

    /// <summary>The id of the marker appended to the source once it is migrated into <paramref name="target"/>.</summary>
    public static Guid Marker(string source, string target) =>
        FromName($"marker|{source.Length}:{source}|{target.Length}:{target}");

    /// <summary>A name-based UUID (version 8, RFC 9562) from the SHA-256 of the name.</summary>
    private static Guid FromName(string name)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes("eventfold.migration|" + name), hash);
        hash[6] = (byte)((hash[6] & 0x0F) | 0x80);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash[..16], bigEndian: true);
    }
}

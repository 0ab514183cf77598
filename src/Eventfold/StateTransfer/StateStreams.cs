using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Eventfold;

/// <summary>Names and ids of published state: where it goes, and the id that makes a repeat a no-op.</summary>
public static class StateStreams
{
    /// <summary>
    /// How many of its newest states a state stream keeps where the store can drop older ones: only the newest
    /// matters to replicas and the publisher; a few more keep recent ids, so a late repeat of a recent state is
    /// still recognised by the store and not written again.
    /// </summary>
    public const long KeptStates = 8;

    /// <summary>Every how many states of a stream its limit is set (again): with its first state, then every this many.</summary>
    public const long LimitEvery = 64;

    /// <summary>The event name of a category's published state: <c>{category}.state</c>.</summary>
    public static string StateName(string category) => category + ".state";

    /// <summary>The stream an aggregate's state is published to: <c>{category}.state-{id}</c>.</summary>
    public static string StreamFor(string category, string id) => StateName(category) + "-" + id;

    /// <summary>
    /// The event id of the state of <paramref name="aggregateStream"/> at <paramref name="version"/>: a
    /// name-based UUID (version 5, SHA-1), so the save's publish and the catch-up publisher write the same id
    /// for the same state, and the store keeps one of them.
    /// </summary>
    public static Guid EventIdFor(string aggregateStream, long version)
    {
        Span<byte> hash = stackalloc byte[20];
        SHA1.HashData(Encoding.UTF8.GetBytes("eventfold.state/" + aggregateStream + "/" + version.ToString(System.Globalization.CultureInfo.InvariantCulture)), hash);
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash[..16], bigEndian: true);
    }
}

using Google.Protobuf;
using WireEvent = Eventfold.EventStoreDb.Protocol.Streams.ReadResp.Types.ReadEvent.Types.RecordedEvent;

namespace Eventfold.EventStoreDb.Mapping;

/// <summary>
/// The streams the adapter keeps checkpoints, snapshots, parked events and projection leases in. They are ordinary (non-'$') streams, so
/// a user without admin rights can write them, and so their prefix is reserved in every store (<see cref="StreamName.ReservedPrefix"/>): they never
/// reach a reader of <c>$all</c>, and user code cannot append to or read them as event streams.
/// </summary>
internal static class InternalStreams
{
    public const string CheckpointPrefix = "eventfold.checkpoint-";
    public const string SnapshotPrefix = "eventfold.snapshot-";
    public const string ParkedPrefix = "eventfold.parked-";
    public const string LeasePrefix = "eventfold.lease-";

    private static readonly byte[] CheckpointPrefixUtf8 = "eventfold.checkpoint-"u8.ToArray();
    private static readonly byte[] SnapshotPrefixUtf8 = "eventfold.snapshot-"u8.ToArray();
    private static readonly byte[] ParkedPrefixUtf8 = "eventfold.parked-"u8.ToArray();
    private static readonly byte[] LeasePrefixUtf8 = "eventfold.lease-"u8.ToArray();

    public static string CheckpointStreamOf(string consumer) => CheckpointPrefix + consumer;

    public static string SnapshotStreamOf(string stream) => SnapshotPrefix + stream;

    public static string ParkedStreamOf(string projection) => ParkedPrefix + projection;

    public static string LeaseStreamOf(string projection) => LeasePrefix + projection;

    public static bool IsInternal(string stream) =>
        stream.StartsWith(CheckpointPrefix, StringComparison.Ordinal) || stream.StartsWith(SnapshotPrefix, StringComparison.Ordinal)
        || stream.StartsWith(ParkedPrefix, StringComparison.Ordinal) || stream.StartsWith(LeasePrefix, StringComparison.Ordinal);

    public static bool IsInternal(WireEvent e) => e.StreamIdentifier?.StreamName is { } name && IsInternal(name);

    private static bool IsInternal(ByteString name) =>
        name.Span.StartsWith(CheckpointPrefixUtf8) || name.Span.StartsWith(SnapshotPrefixUtf8) || name.Span.StartsWith(ParkedPrefixUtf8)
        || name.Span.StartsWith(LeasePrefixUtf8);
}

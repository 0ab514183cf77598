using Eventfold.EventStoreDb.Mapping;
using Eventfold.EventStoreDb.Protocol.Streams;

namespace Eventfold.EventStoreDb;

/// <summary>
/// Checkpoints and snapshots, each in a stream of its own (see <see cref="InternalStreams"/>) whose
/// <c>$maxCount</c> metadata is set before its first event, so the server keeps only the latest.
/// </summary>
public sealed partial class EventStoreDbEventStore
{
    /// <summary>Only the latest checkpoint is ever read.</summary>
    private const long CheckpointMaxCount = 1;

    /// <summary>Only the latest snapshot is ever read; the expected version still guards racing writers.</summary>
    private const long SnapshotMaxCount = 1;

    public async Task<GlobalPosition?> GetCheckpointAsync(string consumer, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(consumer);
        var last = await ReadLastEventAsync(InternalStreams.CheckpointStreamOf(consumer), ct).ConfigureAwait(false);
        return last is null ? null : CheckpointMapping.FromEvent(last);
    }

    public Task SetCheckpointAsync(string consumer, GlobalPosition position, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(consumer);
        return AppendToBoundedStreamAsync(InternalStreams.CheckpointStreamOf(consumer), CheckpointMapping.ToSavedMessage(position), CheckpointMaxCount, ct);
    }

    /// <summary>Ends the consumer's checkpoint stream with a cleared marker; a consumer without a checkpoint is left alone.</summary>
    public async Task DeleteCheckpointAsync(string consumer, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(consumer);
        var message = CheckpointMapping.ToClearedMessage();
        try
        {
            await AppendInternalAsync(InternalStreams.CheckpointStreamOf(consumer), ExpectedVersion.StreamExists, message, ct).ConfigureAwait(false);
        }
        catch (WrongExpectedVersionException)
        {
            // No checkpoint stream: nothing to forget.
        }
    }

    public async Task<Snapshot?> GetSnapshotAsync(string stream, CancellationToken ct = default)
    {
        StreamName.Validate(stream);
        var last = await ReadLastEventAsync(InternalStreams.SnapshotStreamOf(stream), ct).ConfigureAwait(false);
        return last is null ? null : SnapshotMapping.FromEvent(stream, last);
    }

    /// <summary>
    /// Reads the kept snapshot and appends the new one at the snapshot stream's exact version, so of two
    /// racing writers only one can append on what it read; the other reads again and decides again.
    /// An unreadable kept snapshot is replaced (snapshots are a cache).
    /// </summary>
    public async Task SetSnapshotAsync(Snapshot snapshot, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        StreamName.Validate(snapshot.Stream);
        string snapshotStream = InternalStreams.SnapshotStreamOf(snapshot.Stream);
        var message = SnapshotMapping.ToMessage(snapshot);
        while (true)
        {
            var kept = await ReadLastEventAsync(snapshotStream, ct).ConfigureAwait(false);
            if (kept is not null && SnapshotMapping.TryVersionOf(kept) > snapshot.Version)
            {
                return;
            }

            if (kept is null)
            {
                await WriteMaxCountAsync(snapshotStream, SnapshotMaxCount, ct).ConfigureAwait(false);
            }

            var expected = kept is null ? ExpectedVersion.NoStream : ExpectedVersion.Exactly((long)kept.StreamRevision);
            try
            {
                await AppendInternalAsync(snapshotStream, expected, message, ct).ConfigureAwait(false);
                return;
            }
            catch (WrongExpectedVersionException)
            {
                // Another writer got there first: its snapshot may be newer than this one.
            }
        }
    }

    /// <summary>
    /// Appends to a stream that keeps only its latest <paramref name="maxCount"/> events. The common case
    /// (the stream exists) is one call; the first write sets the metadata before the first event, so a
    /// crash between the two cannot leave a stream without its bound.
    /// </summary>
    private async Task AppendToBoundedStreamAsync(string stream, AppendReq.Types.ProposedMessage message, long maxCount, CancellationToken ct)
    {
        try
        {
            await AppendInternalAsync(stream, ExpectedVersion.StreamExists, message, ct).ConfigureAwait(false);
        }
        catch (WrongExpectedVersionException)
        {
            await WriteMaxCountAsync(stream, maxCount, ct).ConfigureAwait(false);
            await AppendInternalAsync(stream, ExpectedVersion.Any, message, ct).ConfigureAwait(false);
        }
    }

    private Task<AppendResult> AppendInternalAsync(string stream, ExpectedVersion expected, AppendReq.Types.ProposedMessage message, CancellationToken ct) =>
        AppendMessagesAsync(stream, expected, [new AppendReq { ProposedMessage = message }], message.Metadata[EventMapping.TypeKey], EventMapping.SizeOf(message), ct);
}

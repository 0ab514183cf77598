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

    /// <summary>Stores the consumer's position; an older position than the one kept is ignored, so a checkpoint never moves backwards.</summary>
    public async Task SetCheckpointAsync(string consumer, GlobalPosition position, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(consumer);
        string checkpointStream = InternalStreams.CheckpointStreamOf(consumer);
        var message = CheckpointMapping.ToSavedMessage(position);
        while (true)
        {
            var kept = await ReadLastEventAsync(checkpointStream, ct).ConfigureAwait(false);
            if (kept is not null && CheckpointMapping.FromEvent(kept) is { } keptPosition && keptPosition >= position)
            {
                return;
            }

            if (kept is null)
            {
                await WriteMaxCountAsync(checkpointStream, CheckpointMaxCount, ct).ConfigureAwait(false);
            }

            var expected = kept is null ? ExpectedVersion.NoStream : ExpectedVersion.Exactly((long)kept.StreamRevision);
            try
            {
                await AppendInternalAsync(checkpointStream, expected, message, ct).ConfigureAwait(false);
                return;
            }
            catch (WrongExpectedVersionException)
            {
                // Another writer got there first: its checkpoint may be newer than this one.
            }
        }
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
        return last is null || SnapshotMapping.IsCleared(last) ? null : SnapshotMapping.FromEvent(stream, last);
    }

    /// <summary>
    /// Ends the stream's snapshot stream with a cleared marker (its <c>$maxCount</c> of 1 then drops the
    /// snapshot); a stream without a snapshot stream is left alone.
    /// </summary>
    public async Task DeleteSnapshotAsync(string stream, CancellationToken ct = default)
    {
        StreamName.Validate(stream);
        try
        {
            await AppendInternalAsync(InternalStreams.SnapshotStreamOf(stream), ExpectedVersion.StreamExists, SnapshotMapping.ToClearedMessage(), ct).ConfigureAwait(false);
        }
        catch (WrongExpectedVersionException)
        {
            // No snapshot stream: nothing to forget.
        }
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
            // A cleared marker has no version, like an unreadable snapshot: any snapshot replaces it.
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

    internal Task<AppendResult> AppendInternalAsync(string stream, ExpectedVersion expected, AppendReq.Types.ProposedMessage message, CancellationToken ct) =>
        AppendMessagesAsync(stream, expected, [new AppendReq { ProposedMessage = message }], message.Metadata[EventMapping.TypeKey], EventMapping.SizeOf(message), ct);
}

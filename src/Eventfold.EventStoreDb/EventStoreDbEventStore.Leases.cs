using Eventfold.EventStoreDb.Mapping;

namespace Eventfold.EventStoreDb;

/// <summary>
/// Projection leases, each in a stream of its own (<c>eventfold.lease-{projection}</c>) that ends with the lease as
/// kept now. Every change (take, renew, release) reads that last event and appends the next one at the stream's
/// exact revision, so of racing runners only the one that appended on what it read wins; the others read again.
/// <para>
/// A fenced checkpoint carries the token it was written under and is appended at the checkpoint stream's exact
/// revision, refused when the lease is no longer current or a newer token already wrote. EventStoreDB has no
/// transaction across two streams, so the lease check and the checkpoint append are two requests: a holder that
/// loses its lease between them can still store a position it had handled, never a position behind the kept one,
/// and never once the new holder has written its first checkpoint. Expiry is judged on
/// <see cref="EventStoreOptions.TimeProvider"/>: the hosts of one projection need synchronized clocks.
/// </para>
/// </summary>
public sealed partial class EventStoreDbEventStore : IProjectionLeaseStore
{
    /// <summary>Only the last lease is ever read; a few more stay readable for an operator asking who held it.</summary>
    private const long LeaseMaxCount = 8;

    public async Task<ProjectionLease?> TryAcquireLeaseAsync(string projection, string owner, TimeSpan duration, CancellationToken ct = default)
    {
        LeaseArguments.Check(projection, owner, duration);
        while (true)
        {
            var (kept, revision) = await ReadLeaseAsync(projection, ct).ConfigureAwait(false);
            var now = _options.TimeProvider.GetUtcNow();
            if (kept is { Owner.Length: > 0 } held && held.Owner != owner && !held.IsExpiredAt(now))
            {
                return null;
            }

            var lease = new ProjectionLease(projection, owner, (kept?.Token ?? 0) + 1, now + duration);
            if (await TryWriteLeaseAsync(lease, revision, ct).ConfigureAwait(false))
            {
                return lease;
            }
        }
    }

    public async Task<ProjectionLease?> RenewLeaseAsync(ProjectionLease lease, TimeSpan duration, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(lease);
        LeaseArguments.Check(lease.Projection, lease.Owner, duration);
        while (true)
        {
            var (kept, revision) = await ReadLeaseAsync(lease.Projection, ct).ConfigureAwait(false);
            if (!lease.IsSameHolding(kept))
            {
                return null;
            }

            var renewed = lease with { ExpiresAt = _options.TimeProvider.GetUtcNow() + duration };
            if (await TryWriteLeaseAsync(renewed, revision, ct).ConfigureAwait(false))
            {
                return renewed;
            }
        }
    }

    public async Task ReleaseLeaseAsync(ProjectionLease lease, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(lease);
        while (true)
        {
            var (kept, revision) = await ReadLeaseAsync(lease.Projection, ct).ConfigureAwait(false);
            if (!lease.IsSameHolding(kept)
                || await TryWriteLeaseAsync(lease with { Owner = "", ExpiresAt = DateTimeOffset.MinValue }, revision, ct).ConfigureAwait(false))
            {
                return;
            }
        }
    }

    public async Task<ProjectionLease?> GetLeaseAsync(string projection, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(projection);
        var (kept, _) = await ReadLeaseAsync(projection, ct).ConfigureAwait(false);
        return kept is { Owner.Length: > 0 } ? kept : null;
    }

    public async Task<bool> TrySetCheckpointAsync(ProjectionLease lease, string consumer, GlobalPosition position, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(lease);
        ArgumentException.ThrowIfNullOrWhiteSpace(consumer);
        string checkpointStream = InternalStreams.CheckpointStreamOf(consumer);
        var message = CheckpointMapping.ToSavedMessage(position, lease.Token);
        while (true)
        {
            var (current, _) = await ReadLeaseAsync(lease.Projection, ct).ConfigureAwait(false);
            if (!lease.IsSameHolding(current))
            {
                return false;
            }

            var kept = await ReadLastEventAsync(checkpointStream, ct).ConfigureAwait(false);
            var (keptPosition, keptToken) = kept is null ? (null, 0) : CheckpointMapping.Read(kept);
            if (keptToken > lease.Token)
            {
                return false;
            }

            if (keptPosition is { } stored && stored >= position)
            {
                return true;
            }

            if (kept is null)
            {
                await WriteMaxCountAsync(checkpointStream, CheckpointMaxCount, ct).ConfigureAwait(false);
            }

            var expected = kept is null ? ExpectedVersion.NoStream : ExpectedVersion.Exactly((long)kept.StreamRevision);
            try
            {
                await AppendInternalAsync(checkpointStream, expected, message, ct).ConfigureAwait(false);
                return true;
            }
            catch (WrongExpectedVersionException)
            {
                // Another writer got there first: read the lease and the checkpoint again.
            }
        }
    }

    /// <summary>The lease as its stream ends (possibly released), with the revision to append the next one at; (null, -1) when none was ever taken.</summary>
    private async Task<(ProjectionLease? Lease, long Revision)> ReadLeaseAsync(string projection, CancellationToken ct)
    {
        var last = await ReadLastEventAsync(InternalStreams.LeaseStreamOf(projection), ct).ConfigureAwait(false);
        return last is null ? (null, -1) : (LeaseMapping.FromEvent(projection, last), (long)last.StreamRevision);
    }

    /// <summary>Appends <paramref name="lease"/> right after <paramref name="revision"/>; false when another writer appended first.</summary>
    private async Task<bool> TryWriteLeaseAsync(ProjectionLease lease, long revision, CancellationToken ct)
    {
        string leaseStream = InternalStreams.LeaseStreamOf(lease.Projection);
        if (revision < 0)
        {
            await WriteMaxCountAsync(leaseStream, LeaseMaxCount, ct).ConfigureAwait(false);
        }

        var expected = revision < 0 ? ExpectedVersion.NoStream : ExpectedVersion.Exactly(revision);
        try
        {
            await AppendInternalAsync(leaseStream, expected, LeaseMapping.ToMessage(lease), ct).ConfigureAwait(false);
            return true;
        }
        catch (WrongExpectedVersionException)
        {
            return false;
        }
    }
}

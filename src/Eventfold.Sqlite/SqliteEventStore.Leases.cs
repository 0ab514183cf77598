using Microsoft.Data.Sqlite;

namespace Eventfold.Sqlite;

/// <summary>
/// Projection leases in the store's file (table <c>leases</c>), for runners of one projection in several
/// processes on the file. Every lease operation is one write transaction on the write connection, so SQLite's
/// write lock orders them across processes, and the fenced checkpoint write checks the token and writes the
/// checkpoint in the same transaction.
/// </summary>
public sealed partial class SqliteEventStore : IProjectionLeaseStore
{
    public Task<ProjectionLease?> TryAcquireLeaseAsync(string projection, string owner, TimeSpan duration, CancellationToken ct = default)
    {
        LeaseArguments.Check(projection, owner, duration);
        return WriteAsync($"Taking the lease of projection '{projection}'", () =>
        {
            var now = _options.TimeProvider.GetUtcNow();
            var kept = SqliteLeaseRows.Read(_appender.Connection, "leases", projection);
            if (kept is { Owner.Length: > 0 } held && held.Owner != owner && !held.IsExpiredAt(now))
            {
                return null;
            }

            var lease = new ProjectionLease(projection, owner, (kept?.Token ?? 0) + 1, now + duration);
            SqliteLeaseRows.Write(_appender.Connection, "leases", lease);
            return lease;
        }, ct);
    }

    public Task<ProjectionLease?> RenewLeaseAsync(ProjectionLease lease, TimeSpan duration, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(lease);
        LeaseArguments.Check(lease.Projection, lease.Owner, duration);
        return WriteAsync($"Renewing the lease of projection '{lease.Projection}'", () =>
        {
            var renewed = lease with { ExpiresAt = _options.TimeProvider.GetUtcNow() + duration };
            return SqliteLeaseRows.UpdateIfHeld(_appender.Connection, "leases", lease, renewed) ? renewed : null;
        }, ct);
    }

    public Task ReleaseLeaseAsync(ProjectionLease lease, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(lease);
        return WriteAsync($"Releasing the lease of projection '{lease.Projection}'",
            () => SqliteLeaseRows.UpdateIfHeld(_appender.Connection, "leases", lease, SqliteLeaseRows.Released(lease)), ct);
    }

    public Task<ProjectionLease?> GetLeaseAsync(string projection, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(projection);
        return WriteAsync($"Reading the lease of projection '{projection}'",
            () => SqliteLeaseRows.Read(_appender.Connection, "leases", projection) is { Owner.Length: > 0 } held ? held : null, ct);
    }

    public Task<bool> TrySetCheckpointAsync(ProjectionLease lease, string consumer, GlobalPosition position, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(lease);
        ArgumentException.ThrowIfNullOrWhiteSpace(consumer);
        return WriteAsync($"The fenced checkpoint write of consumer '{consumer}'", () =>
        {
            if (!lease.IsSameHolding(SqliteLeaseRows.Read(_appender.Connection, "leases", lease.Projection)))
            {
                return false;
            }

            _state.SetCheckpoint(consumer, position, _options.TimeProvider.GetUtcNow().UtcTicks);
            return true;
        }, ct);
    }
}

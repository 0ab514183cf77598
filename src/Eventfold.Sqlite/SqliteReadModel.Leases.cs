using Microsoft.Data.Sqlite;

namespace Eventfold.Sqlite;

/// <summary>
/// The read model keeps its projections' leases (table <c>eventfold_leases</c>) beside their checkpoints, so a
/// leased runner's checkpoint and every <see cref="Commit{T}"/> are fenced in the read model's own transaction:
/// once another process took the lease over, a change from the old holder rolls back, even one that was paused
/// in the middle of handling.
/// </summary>
public sealed partial class SqliteReadModel : IProjectionLeaseStore
{
    private const string LeasesTable = """
        CREATE TABLE IF NOT EXISTS eventfold_leases (
            projection TEXT    PRIMARY KEY,
            owner      TEXT    NOT NULL,
            token      INTEGER NOT NULL,
            expires    INTEGER NOT NULL
        ) STRICT;
        """;

    private readonly TimeProvider _clock;

    // The leases this instance took, per projection: Commit checks the one it holds against the table.
    private readonly Dictionary<string, ProjectionLease> _held = new(StringComparer.Ordinal);

    public Task<ProjectionLease?> TryAcquireLeaseAsync(string projection, string owner, TimeSpan duration, CancellationToken ct = default)
    {
        LeaseArguments.Check(projection, owner, duration);
        return InTransaction(transaction =>
        {
            var now = _clock.GetUtcNow();
            var kept = SqliteLeaseRows.Read(Connection, "eventfold_leases", projection, transaction);
            if (kept is { Owner.Length: > 0 } held && held.Owner != owner && !held.IsExpiredAt(now))
            {
                return null;
            }

            var lease = new ProjectionLease(projection, owner, (kept?.Token ?? 0) + 1, now + duration);
            SqliteLeaseRows.Write(Connection, "eventfold_leases", lease, transaction);
            _held[projection] = lease;
            return lease;
        });
    }

    public Task<ProjectionLease?> RenewLeaseAsync(ProjectionLease lease, TimeSpan duration, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(lease);
        LeaseArguments.Check(lease.Projection, lease.Owner, duration);
        return InTransaction(transaction =>
        {
            var renewed = lease with { ExpiresAt = _clock.GetUtcNow() + duration };
            return SqliteLeaseRows.UpdateIfHeld(Connection, "eventfold_leases", lease, renewed, transaction) ? renewed : null;
        });
    }

    public Task ReleaseLeaseAsync(ProjectionLease lease, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(lease);
        return InTransaction(transaction =>
        {
            if (_held.TryGetValue(lease.Projection, out var held) && held.IsSameHolding(lease))
            {
                _held.Remove(lease.Projection);
            }

            return SqliteLeaseRows.UpdateIfHeld(Connection, "eventfold_leases", lease, SqliteLeaseRows.Released(lease), transaction);
        });
    }

    public Task<ProjectionLease?> GetLeaseAsync(string projection, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(projection);
        lock (_sync)
        {
            return Task.FromResult(SqliteLeaseRows.Read(Connection, "eventfold_leases", projection) is { Owner.Length: > 0 } held ? held : null);
        }
    }

    public Task<bool> TrySetCheckpointAsync(ProjectionLease lease, string consumer, GlobalPosition position, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(lease);
        ArgumentException.ThrowIfNullOrWhiteSpace(consumer);
        return InTransaction(transaction =>
        {
            if (!lease.IsSameHolding(SqliteLeaseRows.Read(Connection, "eventfold_leases", lease.Projection, transaction)))
            {
                return false;
            }

            if (Read(consumer, transaction) is not { } current || position > current)
            {
                Write(consumer, position, transaction);
            }

            return true;
        });
    }

    /// <summary>Inside <see cref="Commit{T}"/>'s transaction: refuses the change when the lease this instance took is no longer current.</summary>
    private void ThrowIfLeaseLost(string projection, SqliteTransaction transaction)
    {
        if (_held.TryGetValue(projection, out var held) && !held.IsSameHolding(SqliteLeaseRows.Read(Connection, "eventfold_leases", projection, transaction)))
        {
            throw new ProjectionLeaseLostException(projection, held.Owner, held.Token, "another runner took it over; the read model's change was not committed");
        }
    }

    private Task<TResult> InTransaction<TResult>(Func<SqliteTransaction, TResult> work)
    {
        lock (_sync)
        {
            using var transaction = Connection.BeginTransaction(deferred: false);
            var result = work(transaction);
            transaction.Commit();
            return Task.FromResult(result);
        }
    }
}

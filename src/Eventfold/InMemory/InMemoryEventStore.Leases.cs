namespace Eventfold;

/// <summary>Projection leases held in memory beside the checkpoints, under the same lock: the fenced checkpoint write is one step.</summary>
public sealed partial class InMemoryEventStore : IProjectionLeaseStore
{
    // A released lease stays, with no owner, so the next token still follows it.
    private readonly Dictionary<string, ProjectionLease> _leases = new(StringComparer.Ordinal);

    public Task<ProjectionLease?> TryAcquireLeaseAsync(string projection, string owner, TimeSpan duration, CancellationToken ct = default)
    {
        LeaseArguments.Check(projection, owner, duration);
        lock (_gate)
        {
            var now = _options.TimeProvider.GetUtcNow();
            _leases.TryGetValue(projection, out var kept);
            if (kept is not null && kept.Owner.Length > 0 && kept.Owner != owner && !kept.IsExpiredAt(now))
            {
                return Task.FromResult<ProjectionLease?>(null);
            }

            var lease = new ProjectionLease(projection, owner, (kept?.Token ?? 0) + 1, now + duration);
            _leases[projection] = lease;
            return Task.FromResult<ProjectionLease?>(lease);
        }
    }

    public Task<ProjectionLease?> RenewLeaseAsync(ProjectionLease lease, TimeSpan duration, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(lease);
        LeaseArguments.Check(lease.Projection, lease.Owner, duration);
        lock (_gate)
        {
            if (!lease.IsSameHolding(_leases.GetValueOrDefault(lease.Projection)))
            {
                return Task.FromResult<ProjectionLease?>(null);
            }

            var renewed = lease with { ExpiresAt = _options.TimeProvider.GetUtcNow() + duration };
            _leases[lease.Projection] = renewed;
            return Task.FromResult<ProjectionLease?>(renewed);
        }
    }

    public Task ReleaseLeaseAsync(ProjectionLease lease, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(lease);
        lock (_gate)
        {
            if (lease.IsSameHolding(_leases.GetValueOrDefault(lease.Projection)))
            {
                _leases[lease.Projection] = lease with { Owner = "", ExpiresAt = DateTimeOffset.MinValue };
            }
        }

        return Task.CompletedTask;
    }

    public Task<ProjectionLease?> GetLeaseAsync(string projection, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(projection);
        lock (_gate)
        {
            var kept = _leases.GetValueOrDefault(projection);
            return Task.FromResult(kept is { Owner.Length: > 0 } ? kept : null);
        }
    }

    public Task<bool> TrySetCheckpointAsync(ProjectionLease lease, string consumer, GlobalPosition position, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(lease);
        ArgumentException.ThrowIfNullOrWhiteSpace(consumer);
        lock (_gate)
        {
            if (!lease.IsSameHolding(_leases.GetValueOrDefault(lease.Projection)))
            {
                return Task.FromResult(false);
            }

            if (!_checkpoints.TryGetValue(consumer, out var kept) || kept < position)
            {
                _checkpoints[consumer] = position;
            }

            return Task.FromResult(true);
        }
    }
}

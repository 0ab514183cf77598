using Microsoft.Extensions.Logging;

namespace Eventfold;

/// <summary>
/// One projection in several processes (<see cref="ProjectionRunnerOptions.Lease"/>): the runner takes the
/// projection's lease before it handles anything, waits while another runner holds it, handles only under it
/// (checkpoints fenced by its token), and releases it when it stops; a lost lease stops handling and the
/// runner waits to take it again.
/// </summary>
public sealed partial class ProjectionRunner<T>
{
    private LeasedCheckpoints? _leased;
    private LeaseKeeper? _keeper;
    private string? _standingByFor;

    /// <summary>The lease this runner holds now; null when it holds none (not leased, waiting, or stopped).</summary>
    public ProjectionLease? Lease => Volatile.Read(ref _keeper) is { IsLost: false } keeper ? keeper.Current : null;

    /// <summary>The owner of the lease this runner waits for, while it stands by; null otherwise.</summary>
    public string? StandingByFor => Volatile.Read(ref _standingByFor);

    /// <summary>The checkpoint store the pipeline writes to: fenced by the lease when the runner is leased.</summary>
    private ICheckpointStore? PipelineCheckpoints(IEventStore store, ProjectionRunnerOptions options)
    {
        if (options.Lease is not { } lease)
        {
            return options.Checkpoints;
        }

        lease.Validate();
        var checkpoints = options.Checkpoints ?? store;
        var leases = checkpoints as IProjectionLeaseStore
            ?? throw new ArgumentException($"Projection '{T.ProjectionName}': the checkpoint store {checkpoints.GetType().Name} keeps no leases; a leased runner needs one that does.", nameof(options));
        _leased = new LeasedCheckpoints(checkpoints, leases, () => Volatile.Read(ref _keeper));
        return _leased;
    }

    /// <summary>On the hot path of a leased runner: nothing is handled once the lease is lost.</summary>
    private void ThrowIfLeaseLost()
    {
        if (_leased is not null)
        {
            var keeper = Volatile.Read(ref _keeper);
            if (keeper is null)
            {
                throw new ProjectionLeaseLostException(Name, _options.Lease!.Owner, 0, "the runner holds no lease");
            }

            keeper.ThrowIfLost();
        }
    }

    /// <summary>Runs <paramref name="run"/> under the lease, taking it again (and running again) whenever it is lost.</summary>
    private async Task HoldLeaseAsync(Func<CancellationToken, Task> run, CancellationToken ct)
    {
        var options = _options.Lease!;
        while (true)
        {
            var (lease, acquiredAt) = await AcquireAsync(options, ct).ConfigureAwait(false);
            var keeper = new LeaseKeeper(_leased!.Leases, lease, acquiredAt, options, _clock, _logger, ct);
            await using (keeper.ConfigureAwait(false))
            {
                Volatile.Write(ref _keeper, keeper);
                LogAcquired(_logger, Name, lease.Owner, lease.Token);
                keeper.Start();
                try
                {
                    await run(keeper.Token).ConfigureAwait(false);
                    await keeper.ReleaseAsync().ConfigureAwait(false);
                    return;
                }
                catch (Exception) when (keeper.IsLost && !ct.IsCancellationRequested)
                {
                    // Another runner has it now; stand by to take it again.
                }
                catch
                {
                    // Cancelled or failed: let a waiting runner take over at once.
                    await keeper.ReleaseAsync().ConfigureAwait(false);
                    throw;
                }
                finally
                {
                    Volatile.Write(ref _keeper, null);
                }
            }
        }
    }

    private async Task<(ProjectionLease Lease, long AcquiredAt)> AcquireAsync(ProjectionLeaseOptions options, CancellationToken ct)
    {
        var leases = _leased!.Leases;
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            long sentAt = _clock.GetTimestamp();
            try
            {
                if (await leases.TryAcquireLeaseAsync(Name, options.Owner, options.Duration, ct).ConfigureAwait(false) is { } lease)
                {
                    Volatile.Write(ref _standingByFor, null);
                    return (lease, sentAt);
                }

                var holder = await leases.GetLeaseAsync(Name, ct).ConfigureAwait(false);
                Volatile.Write(ref _standingByFor, holder?.Owner ?? "another runner");
            }
            catch (Exception ex) when (!IsCancellation(ex, ct))
            {
                LogAcquireFailed(_logger, ex, Name, options.Owner);
            }

            await Task.Delay(options.RetryEvery, _clock, ct).ConfigureAwait(false);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Projection '{Projection}': owner '{Owner}' took the lease (token {Token})")]
    private static partial void LogAcquired(ILogger logger, string projection, string owner, long token);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Projection '{Projection}': owner '{Owner}' could not try the lease; retrying")]
    private static partial void LogAcquireFailed(ILogger logger, Exception error, string projection, string owner);
}

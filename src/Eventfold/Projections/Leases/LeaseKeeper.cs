using Microsoft.Extensions.Logging;

namespace Eventfold;

/// <summary>
/// Keeps one acquired lease: renews it in the background and, once it is lost (refused on renewal, refused on a
/// fenced checkpoint write, or not renewed before it would expire), cancels <see cref="Token"/> so handling stops
/// at once. The expiry it guards against is measured on its own clock from the moment each renewal was sent,
/// so it gives up no later than any other runner may take over.
/// </summary>
internal sealed partial class LeaseKeeper : IAsyncDisposable
{
    private readonly IProjectionLeaseStore _store;
    private readonly ProjectionLeaseOptions _options;
    private readonly TimeProvider _clock;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stop;
    private readonly CancellationTokenSource _renewalStop = new();
    private ProjectionLease _current;
    private long _validSince;
    private string? _lostReason;
    private Task _renewing = Task.CompletedTask;

    public LeaseKeeper(IProjectionLeaseStore store, ProjectionLease lease, long acquiredAt, ProjectionLeaseOptions options, TimeProvider clock, ILogger logger, CancellationToken outer)
    {
        _store = store;
        _current = lease;
        _validSince = acquiredAt;
        _options = options;
        _clock = clock;
        _logger = logger;
        _stop = CancellationTokenSource.CreateLinkedTokenSource(outer);
    }

    /// <summary>Cancelled when the lease is lost or the run is cancelled: the run under the lease uses it.</summary>
    public CancellationToken Token => _stop.Token;

    public ProjectionLease Current => Volatile.Read(ref _current);

    public bool IsLost => Volatile.Read(ref _lostReason) is not null;

    public void Start() => _renewing = RenewLoopAsync(_renewalStop.Token);

    /// <summary>Marks the lease lost (the first reason is kept) and stops handling.</summary>
    public void Lose(string reason)
    {
        if (Interlocked.CompareExchange(ref _lostReason, reason, null) is null)
        {
            LogLost(_logger, _current.Projection, _current.Owner, _current.Token, reason);
            _stop.Cancel();
        }
    }

    public void ThrowIfLost()
    {
        if (Volatile.Read(ref _lostReason) is { } reason)
        {
            throw new ProjectionLeaseLostException(_current.Projection, _current.Owner, _current.Token, reason);
        }
    }

    /// <summary>Stops renewing and gives the lease up (best effort: an unreleased lease expires anyway).</summary>
    public async Task ReleaseAsync()
    {
        await StopRenewingAsync().ConfigureAwait(false);
        if (IsLost)
        {
            return;
        }

        try
        {
            using var timeout = new CancellationTokenSource(_options.Duration);
            await _store.ReleaseLeaseAsync(_current, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            LogReleaseFailed(_logger, ex, _current.Projection, _current.Owner);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopRenewingAsync().ConfigureAwait(false);
        _stop.Dispose();
        _renewalStop.Dispose();
    }

    private async Task StopRenewingAsync()
    {
        await _renewalStop.CancelAsync().ConfigureAwait(false);
        await _renewing.ConfigureAwait(false);
    }

    private async Task RenewLoopAsync(CancellationToken ct)
    {
        try
        {
            while (!IsLost)
            {
                await Task.Delay(_options.RenewInterval, _clock, ct).ConfigureAwait(false);
                await RenewOnceAsync(ct).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
    }

    private async Task RenewOnceAsync(CancellationToken ct)
    {
        var left = _options.Duration - _clock.GetElapsedTime(_validSince);
        if (left <= TimeSpan.Zero)
        {
            Lose("it was not renewed before it expired");
            return;
        }

        long sentAt = _clock.GetTimestamp();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(left);
        try
        {
            var renewed = await _store.RenewLeaseAsync(_current, _options.Duration, deadline.Token).ConfigureAwait(false);
            if (renewed is null)
            {
                Lose("another runner took it over");
                return;
            }

            Volatile.Write(ref _current, renewed);
            _validSince = sentAt;
        }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            // A store that does not answer: keep trying while the lease is still ours on our own clock.
            LogRenewalFailed(_logger, ex, _current.Projection, _current.Owner);
            if (_clock.GetElapsedTime(_validSince) >= _options.Duration)
            {
                Lose("it could not be renewed before it expired");
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Projection '{Projection}': owner '{Owner}' lost its lease (token {Token}): {Reason}; it stops handling and waits")]
    private static partial void LogLost(ILogger logger, string projection, string owner, long token, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Projection '{Projection}': owner '{Owner}' could not renew its lease; retrying")]
    private static partial void LogRenewalFailed(ILogger logger, Exception error, string projection, string owner);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Projection '{Projection}': owner '{Owner}' could not release its lease; it expires on its own")]
    private static partial void LogReleaseFailed(ILogger logger, Exception error, string projection, string owner);
}

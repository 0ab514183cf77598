using System.Threading.RateLimiting;

namespace Eventfold;

/// <summary>
/// Holds handling to a rate: a token bucket refilled by a timer of the dispatcher's clock (so tests drive it
/// with a fake clock). A tenth of a second's tokens are added at a time, so bursts stay short.
/// </summary>
internal sealed class Throttle : IDisposable
{
    private readonly TokenBucketRateLimiter _bucket;
    private readonly ITimer _refill;

    public Throttle(int perSecond, int maxWaiters, TimeProvider clock)
    {
        int perPeriod = Math.Max(1, perSecond / 10);
        var period = TimeSpan.FromTicks(TimeSpan.TicksPerSecond * perPeriod / perSecond);
        _bucket = new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
        {
            TokenLimit = perPeriod,
            TokensPerPeriod = perPeriod,
            ReplenishmentPeriod = period,
            AutoReplenishment = false,
            QueueLimit = Math.Max(1, maxWaiters),
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        });
        _refill = clock.CreateTimer(static bucket => ((TokenBucketRateLimiter)bucket!).TryReplenish(), _bucket, period, period);
    }

    /// <summary>Completes when one more message may be handled.</summary>
    public ValueTask WaitAsync(CancellationToken ct)
    {
        using (var lease = _bucket.AttemptAcquire(1))
        {
            if (lease.IsAcquired)
            {
                return default;
            }
        }

        return WaitSlowAsync(ct);
    }

    private async ValueTask WaitSlowAsync(CancellationToken ct)
    {
        while (true)
        {
            using var lease = await _bucket.AcquireAsync(1, ct).ConfigureAwait(false);
            if (lease.IsAcquired)
            {
                return;
            }
        }
    }

    public void Dispose()
    {
        _refill.Dispose();
        _bucket.Dispose();
    }
}

using System.Threading.RateLimiting;

namespace Eventfold;

/// <summary>
/// Holds handling to a rate: a token bucket refilled a tenth of a second's tokens at a time, so bursts stay
/// short. It runs on real time (the rate limiter's own timer; its manual refill also reads the real
/// clock, so a fake <see cref="TimeProvider"/> cannot drive it).
/// </summary>
internal sealed class Throttle : IDisposable
{
    private readonly TokenBucketRateLimiter _bucket;
    public Throttle(int perSecond, int maxWaiters)
    {
        int perPeriod = Math.Max(1, perSecond / 10);
        var period = TimeSpan.FromTicks(TimeSpan.TicksPerSecond * perPeriod / perSecond);
        _bucket = new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
        {
            TokenLimit = perPeriod,
            TokensPerPeriod = perPeriod,
            ReplenishmentPeriod = period,
            AutoReplenishment = true,
            QueueLimit = Math.Max(1, maxWaiters),
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        });
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
        _bucket.Dispose();
    }
}

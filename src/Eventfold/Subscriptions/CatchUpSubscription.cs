using System.Runtime.CompilerServices;

namespace Eventfold;

/// <summary>
/// Catch-up subscriptions built from a store's plain reads: read history, then wait for an append
/// signal (or a poll interval, for appends by other processes) and read again from the last position
/// seen. Positions only grow, so resuming after the last one gives no gap and no duplicate.
/// </summary>
public static class CatchUpSubscription
{
    public static async IAsyncEnumerable<RecordedEvent> FollowAllAsync(
        Func<GlobalPosition, CancellationToken, IAsyncEnumerable<RecordedEvent>> readAllFrom,
        AppendSignal signal,
        GlobalPosition? after,
        TimeSpan pollInterval,
        [EnumeratorCancellation] CancellationToken ct)
    {
        var last = after;
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            var appended = signal.Next;
            await foreach (var e in readAllFrom(last ?? GlobalPosition.Start, ct).ConfigureAwait(false))
            {
                if (last is { } seen && e.Position <= seen)
                {
                    continue;
                }

                last = e.Position;
                yield return e;
            }

            await WaitAsync(appended, pollInterval, ct).ConfigureAwait(false);
        }
    }

    public static async IAsyncEnumerable<RecordedEvent> FollowStreamAsync(
        Func<long, CancellationToken, IAsyncEnumerable<RecordedEvent>> readStreamFrom,
        AppendSignal signal,
        long? afterVersion,
        TimeSpan pollInterval,
        [EnumeratorCancellation] CancellationToken ct)
    {
        long next = (afterVersion ?? -1) + 1;
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            var appended = signal.Next;
            await foreach (var e in readStreamFrom(next, ct).ConfigureAwait(false))
            {
                if (e.Version < next)
                {
                    continue;
                }

                next = e.Version + 1;
                yield return e;
            }

            await WaitAsync(appended, pollInterval, ct).ConfigureAwait(false);
        }
    }

    private static async Task WaitAsync(Task appended, TimeSpan pollInterval, CancellationToken ct)
    {
        if (pollInterval == Timeout.InfiniteTimeSpan)
        {
            await appended.WaitAsync(ct).ConfigureAwait(false);
            return;
        }

        try
        {
            await appended.WaitAsync(pollInterval, ct).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // Nothing appended in this process; look again for appends by others.
        }
    }
}

namespace Eventfold;

/// <summary>
/// A dispatcher's counters. Once producers and workers are quiet,
/// <c>Processed + Dropped + Rejected + Failed + Depth + InFlight == Offered</c>: every offered message is
/// somewhere.
/// </summary>
/// <param name="Depth">Messages waiting: queued, or parked behind a busy key.</param>
/// <param name="Processed">Messages whose handler returned.</param>
/// <param name="Dropped">Messages dropped by a drop policy, or left unfinished by a drain that timed out (queued, parked, or their handler cancelled by the stop).</param>
/// <param name="Rejected">Messages refused: queue full under <see cref="OverflowPolicy.Reject"/>, <c>TryEnqueue</c> on a full queue, or offered after stopping.</param>
/// <param name="Workers">Workers running now.</param>
/// <param name="Failed">Messages whose handler threw (a cancellation by the dispatcher's own stop is not a failure: it counts as dropped).</param>
/// <param name="InFlight">Messages taken by a worker and not yet finished.</param>
/// <param name="Offered">Messages offered through <c>EnqueueAsync</c> or <c>TryEnqueue</c> (a cancelled <c>EnqueueAsync</c> offers nothing).</param>
public readonly record struct DispatcherStats(
    long Depth, long Processed, long Dropped, long Rejected, int Workers, long Failed, long InFlight, long Offered);

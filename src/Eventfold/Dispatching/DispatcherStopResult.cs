namespace Eventfold;

/// <summary>What stopping a dispatcher finished and what it could not.</summary>
/// <param name="Drained">Whether every accepted message was handled before the drain timeout.</param>
/// <param name="Unfinished">Messages not handled when the drain timed out: those whose handler the stop cancelled (it threw <see cref="OperationCanceledException"/>) and those still queued, each also reported as <see cref="UndeliveredReason.Unfinished"/>. A cancelled handler that returns only after the grace period is counted in <c>Stats.Dropped</c> but not listed here (it is in <see cref="StillRunning"/>).</param>
/// <param name="StillRunning">Handlers that had not returned even after their cancellation token was cancelled.</param>
public sealed record DispatcherStopResult(bool Drained, IReadOnlyList<object> Unfinished, int StillRunning);

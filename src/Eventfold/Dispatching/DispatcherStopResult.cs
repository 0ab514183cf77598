namespace Eventfold;

/// <summary>What stopping a dispatcher finished and what it could not.</summary>
/// <param name="Drained">Whether every accepted message was handled before the drain timeout.</param>
/// <param name="Unfinished">Messages still queued when the drain timed out: never handled, each also reported as <see cref="UndeliveredReason.Unfinished"/>.</param>
/// <param name="StillRunning">Handlers that had not returned even after their cancellation token was cancelled.</param>
public sealed record DispatcherStopResult(bool Drained, IReadOnlyList<object> Unfinished, int StillRunning);

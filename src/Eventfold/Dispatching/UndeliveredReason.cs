namespace Eventfold;

/// <summary>Why a dispatcher did not (or could not) handle a message it was offered.</summary>
public enum UndeliveredReason
{
    /// <summary>Dropped from the front of a full queue (<see cref="OverflowPolicy.DropOldest"/>).</summary>
    DroppedOldest,

    /// <summary>Dropped from the back of a full queue (<see cref="OverflowPolicy.DropNewest"/>).</summary>
    DroppedNewest,

    /// <summary>Refused because the queue was full (<see cref="OverflowPolicy.Reject"/>, or <c>TryEnqueue</c> under <see cref="OverflowPolicy.Wait"/>).</summary>
    RejectedFull,

    /// <summary>Refused because the dispatcher was stopping or stopped.</summary>
    RejectedStopped,

    /// <summary>Its handler threw (or its key could not be read); the worker goes on with the next message.</summary>
    HandlerFailed,

    /// <summary>Still queued when the dispatcher's drain timed out, or its handler was cancelled by that stop (an <see cref="OperationCanceledException"/> then is not a failure).</summary>
    Unfinished,
}

namespace Eventfold;

/// <summary>What a bounded dispatcher does with a message that arrives while its queue is full.</summary>
public enum OverflowPolicy
{
    /// <summary>The sender waits for room (back pressure).</summary>
    Wait,

    /// <summary>The oldest queued message is dropped to make room.</summary>
    DropOldest,

    /// <summary>The newest queued message is dropped to make room.</summary>
    DropNewest,

    /// <summary>The arriving message is refused.</summary>
    Reject,
}

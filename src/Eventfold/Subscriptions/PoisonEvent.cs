namespace Eventfold;

/// <summary>
/// A stored event of a registered name that cannot be read: its payload is corrupt, an upcaster failed, a
/// checksum did not match, or a column of its row is unreadable. The stored event is untouched; the
/// subscription goes on after it, and the consumer decides what to do (a runner parks it).
/// </summary>
public sealed record PoisonEvent(
    string Stream,
    long Version,
    GlobalPosition Position,
    Guid EventId,
    string EventName,
    int SchemaVersion,
    Exception Error) : SubscriptionMessage;

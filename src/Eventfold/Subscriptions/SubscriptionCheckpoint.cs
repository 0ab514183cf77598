namespace Eventfold;

/// <summary>
/// The subscription has scanned the log up to <see cref="Position"/> (inclusive): every event at or before it
/// that passes the filter has been yielded already. A filtered consumer stores this position so a restart
/// resumes past the events its filter skipped, instead of scanning them again.
/// </summary>
public sealed record SubscriptionCheckpoint(GlobalPosition Position) : SubscriptionMessage;

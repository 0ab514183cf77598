namespace Eventfold;

/// <summary>
/// Yielded once, when the subscription has read everything the log held and starts following it live.
/// <see cref="Position"/> is the last position scanned, or null when the subscription has scanned nothing.
/// </summary>
public sealed record CaughtUp(GlobalPosition? Position) : SubscriptionMessage;

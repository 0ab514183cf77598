namespace Eventfold;

/// <summary>
/// What a subscription to the global log yields: a <see cref="RecordedEvent"/>, a <see cref="PoisonEvent"/>
/// that could not be read, an <see cref="UnknownEvent"/> of a name this application never registered (only
/// when asked for), a <see cref="SubscriptionCheckpoint"/> the log has been scanned up to, or
/// <see cref="CaughtUp"/> once at the live end. A consumer switches on the type.
/// </summary>
public abstract record SubscriptionMessage;

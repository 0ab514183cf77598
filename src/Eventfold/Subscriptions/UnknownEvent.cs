namespace Eventfold;

/// <summary>
/// An event whose name this application never registered, such as another application's event in a shared
/// EventStoreDB log. Global reads and subscriptions pass over such events (counted by the
/// <c>eventfold.store.unknown_events</c> counter); a subscription yields them only when
/// <see cref="SubscriptionOptions.IncludeUnknownEvents"/> asks for them.
/// </summary>
public sealed record UnknownEvent(
    string Stream,
    long Version,
    GlobalPosition Position,
    Guid EventId,
    string EventName,
    int SchemaVersion) : SubscriptionMessage;

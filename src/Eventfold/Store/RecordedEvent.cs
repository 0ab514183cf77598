namespace Eventfold;

/// <summary>An event as read back from a store.</summary>
public sealed record RecordedEvent(
    string Stream,
    long Version,
    GlobalPosition Position,
    Guid EventId,
    string EventName,
    int SchemaVersion,
    object Event,
    DateTimeOffset Timestamp,
    EventMetadata Metadata);

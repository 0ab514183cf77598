namespace Eventfold.Sqlite;

/// <summary>One row of the events table, read but not yet deserialized. <see cref="Checksum"/> is null on rows written before schema version 3.</summary>
internal sealed record StoredEvent(
    long Position,
    string Stream,
    long Version,
    Guid EventId,
    string EventName,
    int SchemaVersion,
    byte[] Data,
    byte[] Metadata,
    long TimestampTicks,
    long? Checksum);

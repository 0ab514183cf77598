namespace Eventfold.Sqlite;

/// <summary>
/// One row of the events table, read but not yet deserialized. <see cref="Checksum"/> is null on rows
/// written before schema version 3. A row whose id, timestamp, payload or metadata column cannot be read
/// carries the reason in <see cref="RowError"/>, so one bad row does not fail the page it is in.
/// </summary>
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
    long? Checksum,
    string? RowError = null);

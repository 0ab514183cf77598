namespace Eventfold;

/// <summary>
/// A stored event that cannot be turned back into an object: its name and version are not registered,
/// its payload is unreadable or lacks a value its type requires, an upcaster failed, its metadata is not
/// a JSON object, or its stored form is damaged. The stored event itself is untouched.
/// </summary>
public class EventDeserializationException(
    string stream, long version, string eventName, int schemaVersion, string reason, Exception? inner = null, GlobalPosition? position = null)
    : Exception(
        $"Cannot read event '{eventName}' (schema version {schemaVersion}) at version {version} of stream '{StreamName.Quote(stream)}'"
        + (position is { } p ? $" (global position {p})" : "") + $": {reason}",
        inner)
{
    public string Stream { get; } = stream;

    public long Version { get; } = version;

    public string EventName { get; } = eventName;

    public int SchemaVersion { get; } = schemaVersion;

    /// <summary>The event's place in the global log, where the read knew it.</summary>
    public GlobalPosition? Position { get; } = position;

    /// <summary>Why the event cannot be read, without the stream and version.</summary>
    public string Reason { get; } = reason;
}

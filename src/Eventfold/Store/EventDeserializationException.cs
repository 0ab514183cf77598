namespace Eventfold;

/// <summary>
/// A stored event that cannot be turned back into an object: its name and version are not registered,
/// its payload is unreadable or lacks a value its type requires, an upcaster failed, or its metadata
/// is not a JSON object. The stored event itself is untouched.
/// </summary>
public sealed class EventDeserializationException(string stream, long version, string eventName, int schemaVersion, string reason, Exception? inner = null)
    : Exception($"Cannot read event '{eventName}' (schema version {schemaVersion}) at version {version} of stream '{stream}': {reason}", inner)
{
    public string Stream { get; } = stream;

    public long Version { get; } = version;

    public string EventName { get; } = eventName;

    public int SchemaVersion { get; } = schemaVersion;
}

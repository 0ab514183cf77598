namespace Eventfold;

/// <summary>
/// A migration's map failed on a source event. The source is untouched, and the target holds every event
/// appended before this one's batch, so a rerun with a fixed map resumes there.
/// </summary>
public sealed class StreamMigrationException(string source, string target, long version, string eventName, int schemaVersion, Exception inner)
    : Exception(
        $"Migrating stream '{StreamName.Quote(source)}' into '{StreamName.Quote(target)}' failed at version {version} " +
        $"(event '{eventName}', schema version {schemaVersion}): {inner.Message} The target holds the events migrated before it; rerun to resume.",
        inner)
{
    public string SourceStream { get; } = source;

    public string TargetStream { get; } = target;

    /// <summary>The version of the source event the map failed on.</summary>
    public long Version { get; } = version;

    public string EventName { get; } = eventName;

    public int SchemaVersion { get; } = schemaVersion;
}

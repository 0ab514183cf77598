namespace Eventfold;

/// <summary>
/// A stored event whose bytes no longer match the checksum written with it: the file was damaged or the
/// row changed outside the store. It is never read as another event; the stored row is left as it is.
/// </summary>
public sealed class EventChecksumMismatchException(string stream, long version, GlobalPosition position, string eventName, int schemaVersion)
    : EventDeserializationException(
        stream, version, eventName, schemaVersion,
        "its stored bytes do not match the checksum written with it (the file is damaged or the row was changed outside the store)",
        null, position);

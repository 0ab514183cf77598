namespace Eventfold;

/// <summary>
/// An append carried an event id its stream already holds at another place, so it is neither new nor a
/// retry. Ids are unique per stream, as on EventStoreDB: another stream may hold the same id.
/// </summary>
public sealed class DuplicateEventIdException(string stream, Guid eventId, string existingStream, long existingVersion)
    : Exception($"Append to stream '{StreamName.Quote(stream)}' carries event id {eventId}, already stored at version {existingVersion} of stream '{StreamName.Quote(existingStream)}'; nothing was appended.")
{
    public string Stream { get; } = stream;

    public Guid EventId { get; } = eventId;
}

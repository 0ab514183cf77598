namespace Eventfold;

/// <summary>An append carried an event id the store already holds elsewhere, so it is neither new nor a retry.</summary>
public sealed class DuplicateEventIdException(string stream, Guid eventId, string existingStream, long existingVersion)
    : Exception($"Append to stream '{stream}' carries event id {eventId}, already stored at version {existingVersion} of stream '{existingStream}'; nothing was appended.")
{
    public string Stream { get; } = stream;

    public Guid EventId { get; } = eventId;
}

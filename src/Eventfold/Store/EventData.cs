namespace Eventfold;

/// <summary>An event on its way into a store, with the id that makes its append idempotent.</summary>
public sealed record EventData(object Event, Guid EventId, EventMetadata Metadata)
{
    /// <summary>Wraps an event with a new time-ordered id and no metadata.</summary>
    public static EventData From(object @event, EventMetadata? metadata = null) =>
        new(@event, Guid.CreateVersion7(), metadata ?? EventMetadata.Empty);
}

namespace Eventfold;

/// <summary>
/// Where an event handed to a projection's <c>On</c> method was stored. A struct over the
/// <see cref="RecordedEvent"/>, so passing it allocates nothing, and <see cref="Metadata"/> is only
/// deserialized when read.
/// </summary>
public readonly struct EventContext
{
    private readonly RecordedEvent _event;

    public EventContext(RecordedEvent recorded)
    {
        ArgumentNullException.ThrowIfNull(recorded);
        _event = recorded;
    }

    public string Stream => _event.Stream;

    public long Version => _event.Version;

    public GlobalPosition Position => _event.Position;

    public Guid EventId => _event.EventId;

    public string EventName => _event.EventName;

    public DateTimeOffset Timestamp => _event.Timestamp;

    public EventMetadata Metadata => _event.Metadata;
}

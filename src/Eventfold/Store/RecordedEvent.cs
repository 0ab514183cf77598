using System.Text;

namespace Eventfold;

/// <summary>
/// An event as read back from a store. A store hands out its events still in their stored form: the
/// payload and metadata are deserialized on first use of <see cref="Event"/> or <see cref="Metadata"/>, so a
/// consumer that looks only at names, streams and positions never pays for the JSON it skips.
/// </summary>
public sealed record RecordedEvent : SubscriptionMessage
{
    private readonly EventSerializer? _serializer;
    private readonly ReadOnlyMemory<byte> _data;
    private readonly ReadOnlyMemory<byte> _metadataBytes;
    private object? _event;
    private EventMetadata? _metadata;

    /// <summary>An event already in object form.</summary>
    public RecordedEvent(
        string stream, long version, GlobalPosition position, Guid eventId, string eventName, int schemaVersion,
        object @event, DateTimeOffset timestamp, EventMetadata metadata)
        : this(stream, version, position, eventId, eventName, schemaVersion, timestamp)
    {
        ArgumentNullException.ThrowIfNull(@event);
        ArgumentNullException.ThrowIfNull(metadata);
        _event = @event;
        _metadata = metadata;
    }

    /// <summary>
    /// An event in its stored form, read through <paramref name="serializer"/> when first used. The store
    /// must not reuse <paramref name="data"/> or <paramref name="metadata"/> afterwards.
    /// </summary>
    public RecordedEvent(
        string stream, long version, GlobalPosition position, Guid eventId, string eventName, int schemaVersion,
        DateTimeOffset timestamp, ReadOnlyMemory<byte> data, ReadOnlyMemory<byte> metadata, EventSerializer serializer)
        : this(stream, version, position, eventId, eventName, schemaVersion, timestamp)
    {
        ArgumentNullException.ThrowIfNull(serializer);
        _serializer = serializer;
        _data = data;
        _metadataBytes = metadata;
    }

    private RecordedEvent(string stream, long version, GlobalPosition position, Guid eventId, string eventName, int schemaVersion, DateTimeOffset timestamp)
    {
        Stream = stream;
        Version = version;
        Position = position;
        EventId = eventId;
        EventName = eventName;
        SchemaVersion = schemaVersion;
        Timestamp = timestamp;
    }

    public string Stream { get; init; }

    public long Version { get; init; }

    public GlobalPosition Position { get; init; }

    public Guid EventId { get; init; }

    public string EventName { get; init; }

    public int SchemaVersion { get; init; }

    public DateTimeOffset Timestamp { get; init; }

    /// <summary>The event as the latest registered type of its name (older versions are upcast).</summary>
    /// <exception cref="EventDeserializationException">The stored event cannot be read; it names stream, version and position.</exception>
    public object Event => _event ?? ReadEvent();

    /// <exception cref="EventDeserializationException">The stored metadata cannot be read.</exception>
    public EventMetadata Metadata => _metadata ?? ReadMetadata();

    /// <summary>The payload exactly as stored, when the store handed the event out in stored form (migrations copy it unchanged).</summary>
    internal ReadOnlyMemory<byte>? StoredData => _serializer is null ? null : _data;

    /// <summary>Whether the payload and metadata are already in object form (for tests of laziness).</summary>
    public bool IsDeserialized => _event is not null && _metadata is not null;

    /// <summary>Deserializes payload and metadata now; returns the error instead of throwing it.</summary>
    public EventDeserializationException? TryDeserialize()
    {
        try
        {
            _ = Event;
            _ = Metadata;
            return null;
        }
        catch (EventDeserializationException ex)
        {
            return ex;
        }
    }

    public bool Equals(RecordedEvent? other) =>
        other is not null &&
        Stream == other.Stream && Version == other.Version && Position == other.Position && EventId == other.EventId &&
        EventName == other.EventName && SchemaVersion == other.SchemaVersion && Timestamp == other.Timestamp &&
        Equals(Event, other.Event) && Metadata.Equals(other.Metadata);

    public override int GetHashCode() => HashCode.Combine(Stream, Version, Position, EventId, EventName, SchemaVersion);

    // Printing never deserializes: ToString of a corrupt event must not throw.
    protected override bool PrintMembers(StringBuilder builder)
    {
        builder.Append($"Stream = {Stream}, Version = {Version}, Position = {Position}, EventId = {EventId}, ");
        builder.Append($"EventName = {EventName}, SchemaVersion = {SchemaVersion}, Timestamp = {Timestamp:O}");
        if (_event is not null)
        {
            builder.Append($", Event = {_event}");
        }

        return true;
    }

    private object ReadEvent()
    {
        var value = _serializer!.Deserialize(Stream, Version, EventName, SchemaVersion, _data.Span, Position);
        Volatile.Write(ref _event, value);
        return value;
    }

    private EventMetadata ReadMetadata()
    {
        var value = _serializer!.DeserializeMetadata(Stream, Version, EventName, SchemaVersion, _metadataBytes.Span, Position);
        Volatile.Write(ref _metadata, value);
        return value;
    }
}

namespace Eventfold;

/// <summary>Settings every store shares.</summary>
public class EventStoreOptions
{
    /// <summary>EventStoreDB's default largest append; events over it are refused before anything is written.</summary>
    public const int DefaultMaxEventSizeBytes = 1024 * 1024;

    public EventSerializer Serializer { get; init; } = EventSerializer.Default;

    /// <summary>The largest serialized event (payload plus metadata) a store accepts.</summary>
    public int MaxEventSizeBytes { get; init; } = DefaultMaxEventSizeBytes;

    /// <summary>The clock that stamps appended events.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}

using Microsoft.Extensions.Logging;

namespace Eventfold;

/// <summary>Settings every store shares.</summary>
public class EventStoreOptions
{
    /// <summary>EventStoreDB's default largest append; events over it are refused before anything is written.</summary>
    public const int DefaultMaxEventSizeBytes = 1024 * 1024;

    private EventSerializer? _serializer;

    /// <summary>
    /// The serializer; <see cref="EventSerializer.Default"/> (reflection-based) when none is set. The default is built
    /// only when read without one set, so a trimmed or Native AOT application that sets its own never builds it.
    /// </summary>
    public EventSerializer Serializer
    {
        get => _serializer ?? EventSerializer.Default;
        set => _serializer = value ?? throw new ArgumentNullException(nameof(value));
    }

    /// <summary>The largest serialized event (payload plus metadata) a store accepts.</summary>
    public int MaxEventSizeBytes { get; set; } = DefaultMaxEventSizeBytes;

    /// <summary>The clock that stamps appended events.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>
    /// Where the store logs (appends at debug; a connection's retries and reconnections at warning), under the
    /// category <c>Eventfold.Store</c> or the store's own; none by default. Never a password: see docs/observability.md.
    /// </summary>
    public ILoggerFactory? LoggerFactory { get; set; }
}

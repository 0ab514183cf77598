namespace Eventfold;

/// <summary>An event whose serialized form exceeds the store's limit; nothing of its append was written.</summary>
public sealed class EventTooLargeException(string stream, long version, string eventName, int sizeBytes, int limitBytes)
    : Exception($"Event '{eventName}' for stream '{stream}' at version {version} is {sizeBytes} bytes, over the limit of {limitBytes} bytes; nothing was appended.")
{
    public string Stream { get; } = stream;

    /// <summary>The version the event would have had.</summary>
    public long Version { get; } = version;

    public string EventName { get; } = eventName;

    public int SizeBytes { get; } = sizeBytes;

    public int LimitBytes { get; } = limitBytes;
}

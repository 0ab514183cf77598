namespace Eventfold;

/// <summary>An event in its stored form: name, schema version, JSON payload and JSON metadata.</summary>
public sealed record SerializedEvent(Guid EventId, string EventName, int SchemaVersion, byte[] Data, byte[] Metadata)
{
    public int SizeBytes => Data.Length + Metadata.Length;

    /// <summary>Throws <see cref="EventTooLargeException"/> when the event would exceed <paramref name="limitBytes"/>.</summary>
    public void EnsureWithinLimit(string stream, long version, int limitBytes)
    {
        if (SizeBytes > limitBytes)
        {
            throw new EventTooLargeException(stream, version, EventName, SizeBytes, limitBytes);
        }
    }
}

namespace Eventfold;

/// <summary>
/// An event given in its stored form, for tools and migrations: a store writes exactly these bytes under
/// this name and schema version, registered or not, without serializing anything. Reading it back goes
/// through the registry like any other event.
/// </summary>
public sealed record RawEvent(string EventName, int SchemaVersion, ReadOnlyMemory<byte> Data)
{
    /// <summary>A raw event whose payload is <paramref name="json"/> in UTF-8.</summary>
    public static RawEvent FromJson(string eventName, int schemaVersion, string json) =>
        new(eventName, schemaVersion, System.Text.Encoding.UTF8.GetBytes(json));
}

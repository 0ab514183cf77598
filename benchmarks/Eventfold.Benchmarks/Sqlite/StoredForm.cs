using Eventfold.Benchmarks.Domain;

namespace Eventfold.Benchmarks.Sqlite;

/// <summary>
/// The rows the store writes for <see cref="EventMix"/>'s events, serialized once by the store's own
/// serializer, so the raw baseline inserts exactly the bytes the store inserts.
/// </summary>
public sealed class StoredForm
{
    public StoredForm(object[] events)
    {
        Events = events;
        Rows = events.Select(e => EventSerializer.Default.Serialize(EventData.From(e))).ToArray();
    }

    public object[] Events { get; }

    public SerializedEvent[] Rows { get; }
}

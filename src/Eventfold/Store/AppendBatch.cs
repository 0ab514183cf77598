namespace Eventfold;

/// <summary>
/// The checks on a batch of events that every store makes, in one order, before it looks at the stream:
/// the stream name, the expected version, each event and its metadata, no id twice in the batch, and each
/// event's serialization. A batch bad in two ways fails with the same error on every store. After these,
/// every store checks the event sizes, recognises a retry, then checks the expected version.
/// </summary>
public static class AppendBatch
{
    /// <summary>Checks the batch and serializes its events; nothing is written when it throws.</summary>
    /// <exception cref="InvalidStreamNameException">The stream name breaks a rule.</exception>
    /// <exception cref="ArgumentException">The expected version is <c>default</c>, an event or its metadata is null, an id appears twice, or an event cannot be serialized.</exception>
    /// <exception cref="UnregisteredEventTypeException">An event's type is not a registered event.</exception>
    public static SerializedEvent[] Prepare(string stream, ExpectedVersion expected, IReadOnlyList<EventData> events, EventSerializer serializer)
    {
        StreamName.Validate(stream);
        ArgumentNullException.ThrowIfNull(events);
        expected.EnsureSpecified(nameof(expected));
        for (int i = 0; i < events.Count; i++)
        {
            if (events[i] is not { } data || data.Event is null || data.Metadata is null)
            {
                string what = events[i] is null ? "is null" : events[i].Event is null ? "has a null event" : "has null metadata";
                throw new ArgumentException($"Event {i} of the append to stream '{StreamName.Quote(stream)}' {what}; nothing was appended.", nameof(events));
            }
        }

        EnsureDistinctIds(stream, events);
        var serialized = new SerializedEvent[events.Count];
        for (int i = 0; i < serialized.Length; i++)
        {
            try
            {
                serialized[i] = serializer.Serialize(events[i]);
            }
            catch (Exception ex) when (ex is not UnregisteredEventTypeException and not InvalidOperationException)
            {
                throw new ArgumentException(
                    $"Event {i} ({events[i].Event.GetType().Name}) of the append to stream '{StreamName.Quote(stream)}' cannot be serialized: {ex.Message} Nothing was appended.",
                    nameof(events), ex);
            }
        }

        return serialized;
    }

    /// <summary>Throws when one id appears twice in the batch: such a batch is neither new nor a retry.</summary>
    public static void EnsureDistinctIds(string stream, IReadOnlyList<EventData> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        if (events.Count < 2)
        {
            return;
        }

        var seen = new Dictionary<Guid, int>(events.Count);
        for (int i = 0; i < events.Count; i++)
        {
            if (!seen.TryAdd(events[i].EventId, i))
            {
                throw new ArgumentException(
                    $"Append to stream '{StreamName.Quote(stream)}' carries event id {events[i].EventId} twice (events {seen[events[i].EventId]} and {i} of the batch); nothing was appended.",
                    nameof(events));
            }
        }
    }
}

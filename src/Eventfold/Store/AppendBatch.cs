namespace Eventfold;

/// <summary>Checks on a batch of events that every store makes before it writes.</summary>
public static class AppendBatch
{
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
                    $"Append to stream '{stream}' carries event id {events[i].EventId} twice (events {seen[events[i].EventId]} and {i} of the batch); nothing was appended.",
                    nameof(events));
            }
        }
    }
}

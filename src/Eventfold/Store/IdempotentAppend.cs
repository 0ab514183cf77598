namespace Eventfold;

/// <summary>
/// Recognises a retried append, as EventStoreDB does: the same event ids, in the same order, already
/// stored one after another in the stream, at a place the expected version allows.
/// </summary>
public static class IdempotentAppend
{
    /// <param name="events">The batch being appended.</param>
    /// <param name="firstVersion">Where the batch's first event id is stored in this stream, or null.</param>
    /// <param name="idAtVersion">The event id stored at a version of this stream, or null past its end.</param>
    /// <param name="expected">The append's expected version.</param>
    public static bool IsRetry(IReadOnlyList<EventData> events, long? firstVersion, Func<long, Guid?> idAtVersion, ExpectedVersion expected)
    {
        if (firstVersion is not { } first)
        {
            return false;
        }

        bool placeAllowed = expected.IsAny || expected.IsStreamExists || expected.Value == first - 1;
        if (!placeAllowed)
        {
            return false;
        }

        for (int i = 0; i < events.Count; i++)
        {
            if (idAtVersion(first + i) != events[i].EventId)
            {
                return false;
            }
        }

        return true;
    }
}

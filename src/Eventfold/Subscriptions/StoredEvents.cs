using System.Runtime.CompilerServices;

namespace Eventfold;

/// <summary>
/// The rules every store applies to events read from the global log, so all stores agree: an event of an
/// unregistered name is passed over (counted), one that cannot be read is poison, the rest are events.
/// For store implementations.
/// </summary>
public static class StoredEvents
{
    /// <summary>
    /// What a subscription yields for <paramref name="stored"/>: the event, a <see cref="PoisonEvent"/> when it
    /// cannot be read, an <see cref="UnknownEvent"/> (or null, when not asked for) for an unregistered name.
    /// </summary>
    public static SubscriptionMessage? Classify(SubscriptionMessage stored, EventSerializer serializer, bool includeUnknown)
    {
        switch (stored)
        {
            case RecordedEvent e when !serializer.IsKnown(e.EventName):
                EventfoldMetrics.CountUnknown(e.EventName);
                return includeUnknown ? new UnknownEvent(e.Stream, e.Version, e.Position, e.EventId, e.EventName, e.SchemaVersion) : null;
            case RecordedEvent e:
                if (e.TryDeserialize() is { } error)
                {
                    EventfoldMetrics.CountPoison(e.EventName);
                    return new PoisonEvent(e.Stream, e.Version, e.Position, e.EventId, e.EventName, e.SchemaVersion, error);
                }

                return e;
            case PoisonEvent poison:
                EventfoldMetrics.CountPoison(poison.EventName);
                return poison;
            default:
                return stored;
        }
    }

    /// <summary>
    /// A read of the global log as <see cref="IEventStore.ReadAllAsync"/> gives it: unregistered names passed
    /// over (counted), events left in stored form until used, and a row that cannot be made into an event
    /// thrown as <see cref="EventDeserializationException"/> after every event before it.
    /// </summary>
    public static async IAsyncEnumerable<RecordedEvent> ForGlobalRead(
        IAsyncEnumerable<SubscriptionMessage> stored, EventSerializer serializer, [EnumeratorCancellation] CancellationToken ct = default)
    {
        await foreach (var message in stored.WithCancellation(ct).ConfigureAwait(false))
        {
            ct.ThrowIfCancellationRequested();
            switch (message)
            {
                case RecordedEvent e when !serializer.IsKnown(e.EventName):
                    EventfoldMetrics.CountUnknown(e.EventName);
                    break;
                case RecordedEvent e:
                    yield return e;
                    break;
                case PoisonEvent poison:
                    EventfoldMetrics.CountPoison(poison.EventName);
                    throw AsException(poison);
            }
        }
    }

    /// <summary>
    /// An event of a stream read, deserialized now: a stream is read to be replayed, so its events are all
    /// used, and an unreadable one throws here, naming stream, version and position, rather than later.
    /// </summary>
    public static RecordedEvent ForStreamRead(SubscriptionMessage stored) => stored switch
    {
        RecordedEvent e => e.TryDeserialize() is { } error ? throw error : e,
        PoisonEvent poison => throw AsException(poison),
        _ => throw new ArgumentException($"A stream read holds only events, not {stored.GetType().Name}.", nameof(stored)),
    };

    /// <summary>The error of a poison event as the exception a read throws.</summary>
    public static EventDeserializationException AsException(PoisonEvent poison) =>
        poison.Error as EventDeserializationException
        ?? new EventDeserializationException(
            poison.Stream, poison.Version, poison.EventName, poison.SchemaVersion, poison.Error.Message, poison.Error, poison.Position);

    /// <summary>The global position of an event, poison or unknown event; null for other messages.</summary>
    public static GlobalPosition? PositionOf(SubscriptionMessage message) => message switch
    {
        RecordedEvent e => e.Position,
        PoisonEvent p => p.Position,
        UnknownEvent u => u.Position,
        _ => null,
    };
}

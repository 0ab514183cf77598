using System.Diagnostics.Metrics;

namespace Eventfold;

/// <summary>The Meter every Eventfold component reports through, and the store's counters.</summary>
public static class EventfoldMetrics
{
    public const string MeterName = "Eventfold";

    internal static readonly Meter Meter = new(MeterName);

    /// <summary>Events passed over because their name is not registered (tag: <c>event.name</c>).</summary>
    internal static readonly Counter<long> UnknownEvents =
        Meter.CreateCounter<long>("eventfold.store.unknown_events", unit: "{event}", description: "Events of unregistered names passed over by global reads and subscriptions.");

    /// <summary>Events of registered names that could not be read (tag: <c>event.name</c>).</summary>
    internal static readonly Counter<long> PoisonEvents =
        Meter.CreateCounter<long>("eventfold.store.poison_events", unit: "{event}", description: "Stored events that could not be read.");

    /// <summary>Messages a dispatcher dropped, or left unhandled when its drain timed out (tags: <c>dispatcher</c>, <c>reason</c>).</summary>
    internal static readonly Counter<long> DispatcherDropped =
        Meter.CreateCounter<long>("eventfold.dispatcher.dropped", unit: "{message}", description: "Messages a bounded dispatcher dropped by its overflow policy or left unfinished at stop.");

    /// <summary>Messages a dispatcher refused (tags: <c>dispatcher</c>, <c>reason</c>).</summary>
    internal static readonly Counter<long> DispatcherRejected =
        Meter.CreateCounter<long>("eventfold.dispatcher.rejected", unit: "{message}", description: "Messages a bounded dispatcher refused: queue full or stopped.");

    /// <summary>Messages whose handler threw (tag: <c>dispatcher</c>).</summary>
    internal static readonly Counter<long> DispatcherFailed =
        Meter.CreateCounter<long>("eventfold.dispatcher.failed", unit: "{message}", description: "Messages whose bounded dispatcher handler threw.");

    internal static void CountUndelivered(string dispatcher, UndeliveredReason reason)
    {
        var counter = reason switch
        {
            UndeliveredReason.RejectedFull or UndeliveredReason.RejectedStopped => DispatcherRejected,
            UndeliveredReason.HandlerFailed => DispatcherFailed,
            _ => DispatcherDropped,
        };
        counter.Add(1, new KeyValuePair<string, object?>("dispatcher", dispatcher), new KeyValuePair<string, object?>("reason", ReasonTag(reason)));
    }

    private static string ReasonTag(UndeliveredReason reason) => reason switch
    {
        UndeliveredReason.DroppedOldest => "drop_oldest",
        UndeliveredReason.DroppedNewest => "drop_newest",
        UndeliveredReason.RejectedFull => "full",
        UndeliveredReason.RejectedStopped => "stopped",
        UndeliveredReason.HandlerFailed => "handler_failed",
        _ => "unfinished",
    };

    internal static void CountUnknown(string eventName) =>
        UnknownEvents.Add(1, new KeyValuePair<string, object?>("event.name", eventName));

    internal static void CountPoison(string eventName) =>
        PoisonEvents.Add(1, new KeyValuePair<string, object?>("event.name", eventName));
}

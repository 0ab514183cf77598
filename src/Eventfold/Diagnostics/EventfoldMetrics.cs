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

    internal static void CountUnknown(string eventName) =>
        UnknownEvents.Add(1, new KeyValuePair<string, object?>("event.name", eventName));

    internal static void CountPoison(string eventName) =>
        PoisonEvents.Add(1, new KeyValuePair<string, object?>("event.name", eventName));
}

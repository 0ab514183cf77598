using System.Diagnostics.Metrics;
using System.Runtime.CompilerServices;

namespace Eventfold;

/// <summary>
/// Every live dispatcher's <see cref="DispatcherStats"/> as observable instruments (tag <c>dispatcher</c>): read
/// only when a listener collects, so a message costs nothing more. Dispatchers are held weakly: one never
/// stopped is still collected.
/// </summary>
internal static class DispatcherGauges
{
    private static readonly ConditionalWeakTable<object, Registration> Live = new();

    static DispatcherGauges()
    {
        EventfoldMetrics.Meter.CreateObservableGauge("eventfold.dispatcher.depth", () => Observe(s => s.Depth), unit: "{message}", description: "Messages waiting in a dispatcher: queued, or parked behind a busy key.");
        EventfoldMetrics.Meter.CreateObservableGauge("eventfold.dispatcher.workers", () => Observe(s => s.Workers), unit: "{worker}", description: "Workers a dispatcher runs now.");
        EventfoldMetrics.Meter.CreateObservableCounter("eventfold.dispatcher.processed", () => Observe(s => s.Processed), unit: "{message}", description: "Messages whose dispatcher handler returned.");
    }

    public static void Register(object dispatcher, string name, Func<DispatcherStats> stats) =>
        Live.AddOrUpdate(dispatcher, new Registration(new KeyValuePair<string, object?>("dispatcher", name), stats));

    public static void Unregister(object dispatcher) => Live.Remove(dispatcher);

    private static List<Measurement<long>> Observe(Func<DispatcherStats, long> value)
    {
        var measurements = new List<Measurement<long>>();
        foreach (var (_, registration) in Live)
        {
            measurements.Add(new Measurement<long>(value(registration.Stats()), registration.Tag));
        }

        return measurements;
    }

    private sealed record Registration(KeyValuePair<string, object?> Tag, Func<DispatcherStats> Stats);
}

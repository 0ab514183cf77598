using System.Diagnostics.Metrics;

namespace Eventfold;

/// <summary>The projection runners' instruments, on the <see cref="EventfoldMetrics.MeterName"/> meter (tag: <c>projection</c>).</summary>
internal static class ProjectionMetrics
{
    /// <summary>Handler attempts that threw, retries included.</summary>
    public static readonly Counter<long> HandlerErrors =
        EventfoldMetrics.Meter.CreateCounter<long>("eventfold.projection.handler_errors", unit: "{error}", description: "Projection handler attempts that threw, retries included.");

    /// <summary>Events parked after their retries, or because they could not be read.</summary>
    public static readonly Counter<long> Parked =
        EventfoldMetrics.Meter.CreateCounter<long>("eventfold.projection.parked", unit: "{event}", description: "Events a projection runner parked.");

    /// <summary>Events handled (the handler returned), retried ones once.</summary>
    public static readonly Counter<long> Handled =
        EventfoldMetrics.Meter.CreateCounter<long>("eventfold.projection.handled", unit: "{event}", description: "Events a projection's handlers finished.");

    /// <summary>Events in the log after the last one the projection handled (or passed), measured while it runs.</summary>
    public static readonly Gauge<long> LagEvents =
        EventfoldMetrics.Meter.CreateGauge<long>("eventfold.projection.lag.events", unit: "{event}", description: "Events in the log after the projection's last handled position.");

    /// <summary>Seconds from the last handled event's timestamp to now while events are behind it; 0 when caught up.</summary>
    public static readonly Gauge<double> LagSeconds =
        EventfoldMetrics.Meter.CreateGauge<double>("eventfold.projection.lag.seconds", unit: "s", description: "How old the projection's last handled event is while events are behind it; 0 when caught up.");

    public static void CountError(string projection) => HandlerErrors.Add(1, new KeyValuePair<string, object?>("projection", projection));

    public static void CountParked(string projection) => Parked.Add(1, new KeyValuePair<string, object?>("projection", projection));

    // Once per handled event: nothing is built for the tag unless a listener is there to take the measurement.
    public static void CountHandled(string projection)
    {
        if (Handled.Enabled)
        {
            Handled.Add(1, new KeyValuePair<string, object?>("projection", projection));
        }
    }
}

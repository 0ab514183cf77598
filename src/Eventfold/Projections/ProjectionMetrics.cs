using System.Diagnostics.Metrics;

namespace Eventfold;

/// <summary>The projection runners' counters, on the <see cref="EventfoldMetrics.MeterName"/> meter (tag: <c>projection</c>).</summary>
internal static class ProjectionMetrics
{
    /// <summary>Handler attempts that threw, retries included.</summary>
    public static readonly Counter<long> HandlerErrors =
        EventfoldMetrics.Meter.CreateCounter<long>("eventfold.projection.handler_errors", unit: "{error}", description: "Projection handler attempts that threw, retries included.");

    /// <summary>Events parked after their retries, or because they could not be read.</summary>
    public static readonly Counter<long> Parked =
        EventfoldMetrics.Meter.CreateCounter<long>("eventfold.projection.parked", unit: "{event}", description: "Events a projection runner parked.");

    public static void CountError(string projection) => HandlerErrors.Add(1, new KeyValuePair<string, object?>("projection", projection));

    public static void CountParked(string projection) => Parked.Add(1, new KeyValuePair<string, object?>("projection", projection));
}

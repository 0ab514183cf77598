using System.Diagnostics.Metrics;

namespace Eventfold;

/// <summary>The saga coordinators' counters, on the <see cref="EventfoldMetrics.MeterName"/> meter (tag: <c>saga</c>).</summary>
internal static class SagaMetrics
{
    /// <summary>Sagas that ended, by status (tag <c>status</c>: completed, compensated, compensation_failed).</summary>
    public static readonly Counter<long> Ended =
        EventfoldMetrics.Meter.CreateCounter<long>("eventfold.saga.ended", unit: "{saga}", description: "Sagas that ended, by status.");

    /// <summary>Sagas that ended CompensationFailed: each needs an operator.</summary>
    public static readonly Counter<long> CompensationFailed =
        EventfoldMetrics.Meter.CreateCounter<long>("eventfold.saga.compensation_failed", unit: "{saga}", description: "Sagas whose compensation failed after its retries; each waits for an operator.");

    /// <summary>Step and compensation attempts that threw or timed out, retries included.</summary>
    public static readonly Counter<long> AttemptErrors =
        EventfoldMetrics.Meter.CreateCounter<long>("eventfold.saga.attempt_errors", unit: "{error}", description: "Saga step and compensation attempts that threw or timed out, retries included.");

    /// <summary>Log appends lost to another coordinator (the loser backs off).</summary>
    public static readonly Counter<long> Conflicts =
        EventfoldMetrics.Meter.CreateCounter<long>("eventfold.saga.conflicts", unit: "{append}", description: "Saga log appends another coordinator won.");

    private static KeyValuePair<string, object?> Tag(string saga) => new("saga", saga);

    public static void CountEnded(string saga, SagaStatus status)
    {
        Ended.Add(1, Tag(saga), new KeyValuePair<string, object?>("status", status switch
        {
            SagaStatus.Completed => "completed",
            SagaStatus.Compensated => "compensated",
            _ => "compensation_failed",
        }));
        if (status == SagaStatus.CompensationFailed)
        {
            CompensationFailed.Add(1, Tag(saga));
        }
    }

    public static void CountAttemptError(string saga) => AttemptErrors.Add(1, Tag(saga));

    public static void CountConflict(string saga) => Conflicts.Add(1, Tag(saga));
}

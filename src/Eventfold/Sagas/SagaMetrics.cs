using System.Diagnostics;
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

    /// <summary>How long a step or a compensation took, its retries and their delays included.</summary>
    public static readonly Histogram<double> StepDuration =
        EventfoldMetrics.Meter.CreateHistogram<double>("eventfold.saga.step.duration", unit: "s", description: "How long a saga step or compensation took, retries included, by kind (step, compensation) and outcome (ok, failed).");

    /// <summary>Steps that failed after their retries (each starts a compensation, or ends the saga).</summary>
    public static readonly Counter<long> StepFailures =
        EventfoldMetrics.Meter.CreateCounter<long>("eventfold.saga.step_failures", unit: "{step}", description: "Saga steps that failed after their retries.");

    /// <summary>Compensations run to their end, by outcome (ok, failed).</summary>
    public static readonly Counter<long> Compensations =
        EventfoldMetrics.Meter.CreateCounter<long>("eventfold.saga.compensations", unit: "{compensation}", description: "Saga compensations run, by outcome (ok, failed).");

    private static KeyValuePair<string, object?> Tag(string saga) => new("saga", saga);

    /// <summary>Starts the <c>eventfold.saga.step</c> activity (null when nobody listens).</summary>
    public static Activity? StartStep(string saga, string sagaId, string step, bool isCompensation)
    {
        var activity = EventfoldActivities.Source.StartActivity("eventfold.saga.step", ActivityKind.Internal);
        if (activity is not null)
        {
            activity.SetTag("eventfold.saga", saga);
            activity.SetTag("eventfold.saga.id", sagaId);
            activity.SetTag("eventfold.saga.step", step);
            activity.SetTag("eventfold.saga.compensation", isCompensation);
        }

        return activity;
    }

    /// <summary>Records a step or compensation that began at <paramref name="startedAt"/>; <paramref name="cancelled"/> when it was stopped, not failed.</summary>
    public static void StepEnded(Activity? activity, string saga, string step, bool isCompensation, int attempts, Exception? error, long startedAt, bool cancelled = false)
    {
        string outcome = cancelled ? "cancelled" : error is null ? "ok" : "failed";
        if (StepDuration.Enabled)
        {
            StepDuration.Record(
                Stopwatch.GetElapsedTime(startedAt).TotalSeconds,
                Tag(saga),
                new KeyValuePair<string, object?>("step", step),
                new KeyValuePair<string, object?>("kind", isCompensation ? "compensation" : "step"),
                new KeyValuePair<string, object?>("outcome", outcome));
        }

        if (!cancelled)
        {
            if (isCompensation)
            {
                Compensations.Add(1, Tag(saga), new KeyValuePair<string, object?>("outcome", outcome));
            }
            else if (error is not null)
            {
                StepFailures.Add(1, Tag(saga), new KeyValuePair<string, object?>("step", step));
            }
        }

        if (activity is not null)
        {
            activity.SetTag("eventfold.attempts", attempts);
            activity.SetTag("eventfold.outcome", outcome);
            if (error is not null && !cancelled)
            {
                activity.SetStatus(ActivityStatusCode.Error, error.Message);
            }

            activity.Dispose();
        }
    }

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

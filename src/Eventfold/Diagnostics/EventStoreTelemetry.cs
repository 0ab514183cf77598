using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;

namespace Eventfold;

/// <summary>
/// The store's side of Eventfold's telemetry (the <see cref="EventfoldMetrics.MeterName"/> meter and the
/// <see cref="EventfoldActivities.SourceName"/> source), for <see cref="IEventStore"/> implementations: each store
/// reports its appends and the events it reads through these, under its own <c>store</c> tag.
/// </summary>
public static partial class EventStoreTelemetry
{
    /// <summary>Logs a written append at debug (event id 1001): the store, stream, the version it expected, how many events, the version after.</summary>
    [LoggerMessage(EventId = 1001, Level = LogLevel.Debug, Message = "Appended {Events} events to stream '{Stream}' of store '{Store}' (expected version {ExpectedVersion}, now at {NextVersion})")]
    public static partial void LogAppended(ILogger logger, string store, string stream, ExpectedVersion expectedVersion, int events, long nextVersion);

    private static readonly Counter<long> Appends =
        EventfoldMetrics.Meter.CreateCounter<long>("eventfold.store.appends", unit: "{append}", description: "Appends to a stream, by outcome (ok, conflict, error).");

    private static readonly Counter<long> AppendedEvents =
        EventfoldMetrics.Meter.CreateCounter<long>("eventfold.store.appended_events", unit: "{event}", description: "Events written by successful appends.");

    private static readonly Histogram<double> AppendDuration =
        EventfoldMetrics.Meter.CreateHistogram<double>("eventfold.store.append.duration", unit: "s", description: "How long an append took, by outcome.");

    private static readonly Counter<long> ReadEvents =
        EventfoldMetrics.Meter.CreateCounter<long>("eventfold.store.read_events", unit: "{event}", description: "Events read from the store, by read (stream, all).");

    /// <summary>Starts the <c>eventfold.append</c> activity (null when nobody listens); pass it to <see cref="AppendEnded"/>.</summary>
    public static Activity? StartAppend(string store, string stream, int events)
    {
        var activity = EventfoldActivities.Source.StartActivity("eventfold.append", ActivityKind.Client);
        if (activity is not null)
        {
            activity.SetTag("eventfold.store", store);
            activity.SetTag("eventfold.stream", stream);
            activity.SetTag("eventfold.events", events);
        }

        return activity;
    }

    /// <summary>
    /// Records an append that began at <paramref name="startedAt"/> (<see cref="Stopwatch.GetTimestamp"/>): written when
    /// <paramref name="error"/> is null, else a conflict (<see cref="WrongExpectedVersionException"/>) or an error. Ends the activity.
    /// </summary>
    public static void AppendEnded(Activity? activity, string store, int events, long startedAt, Exception? error = null)
    {
        string outcome = error switch
        {
            null => "ok",
            WrongExpectedVersionException => "conflict",
            _ => "error",
        };
        var storeTag = new KeyValuePair<string, object?>("store", store);
        var outcomeTag = new KeyValuePair<string, object?>("outcome", outcome);
        Appends.Add(1, storeTag, outcomeTag);
        AppendDuration.Record(Stopwatch.GetElapsedTime(startedAt).TotalSeconds, storeTag, outcomeTag);
        if (error is null)
        {
            AppendedEvents.Add(events, storeTag);
        }

        if (activity is not null)
        {
            activity.SetTag("eventfold.outcome", outcome);
            if (error is not null)
            {
                activity.SetStatus(ActivityStatusCode.Error, error.Message);
            }

            activity.Dispose();
        }
    }

    /// <summary>Counts <paramref name="events"/> rows read by a stream read (<paramref name="globalLog"/> false) or a read of the global log.</summary>
    public static void Read(string store, bool globalLog, int events)
    {
        if (events > 0)
        {
            ReadEvents.Add(events, new KeyValuePair<string, object?>("store", store), new KeyValuePair<string, object?>("read", globalLog ? "all" : "stream"));
        }
    }
}

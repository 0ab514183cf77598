using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Eventfold.EventStoreDb;

/// <summary>
/// What a connection to EventStoreDB reports: its calls, retries and node changes, on the <c>Eventfold</c>
/// meter and as log entries. Only endpoints, operations and gRPC status text are logged, never the
/// settings' credentials or the connection string.
/// </summary>
internal sealed partial class ConnectionTelemetry(ILogger? logger)
{
    /// <summary>The log category of the store and its connection.</summary>
    public const string Category = "Eventfold.EventStoreDb";

    // A Meter of the same name as the core's: listeners subscribe by name, so both report as "Eventfold".
    private static readonly Meter Meter = new(EventfoldMetrics.MeterName);

    private static readonly Counter<long> Calls =
        Meter.CreateCounter<long>("eventfold.esdb.calls", unit: "{call}", description: "Unary calls to EventStoreDB (appends, version reads), by outcome (ok, error).");

    private static readonly Counter<long> Retries =
        Meter.CreateCounter<long>("eventfold.esdb.retries", unit: "{retry}", description: "EventStoreDB calls tried again, by reason (not_leader, busy, unavailable, no_node, ended).");

    private static readonly Counter<long> Reconnects =
        Meter.CreateCounter<long>("eventfold.esdb.reconnects", unit: "{connection}", description: "Channels opened to a node after the first: reconnections and node changes.");

    public ILogger Logger { get; } = logger ?? NullLogger.Instance;

    public void CallEnded(bool ok)
    {
        if (Calls.Enabled)
        {
            Calls.Add(1, new KeyValuePair<string, object?>("outcome", ok ? "ok" : "error"));
        }
    }

    /// <summary>A call failed on <paramref name="node"/> for <paramref name="reason"/> and will be tried again (attempt <paramref name="attempt"/> failed).</summary>
    public void Retrying(string operation, EndPoint node, string reason, string detail, int attempt, int maxAttempts)
    {
        Retries.Add(1, new KeyValuePair<string, object?>("reason", reason));
        LogRetrying(Logger, operation, node.ToString(), reason, detail, attempt, maxAttempts);
    }

    /// <summary>No node could be found in this round of discovery (<paramref name="detail"/> is the last reason).</summary>
    public void NoNode(string operation, string detail, int attempt, int maxAttempts)
    {
        Retries.Add(1, new KeyValuePair<string, object?>("reason", "no_node"));
        LogNoNode(Logger, operation, detail, attempt, maxAttempts);
    }

    /// <summary>A channel to <paramref name="node"/> opened; <paramref name="previous"/> is the node used before, if any.</summary>
    public void Connected(EndPoint node, EndPoint? previous)
    {
        if (previous is null)
        {
            LogConnected(Logger, node.ToString());
            return;
        }

        Reconnects.Add(1);
        LogReconnected(Logger, node.ToString(), previous.ToString()!);
    }

    public void GaveUp(string operation, int attempts, Exception error) => LogGaveUp(Logger, error, operation, attempts);

    [LoggerMessage(EventId = 7001, Level = LogLevel.Warning, Message = "EventStoreDB: the call to {Operation} failed on node {Node} ({Reason}: {Detail}); attempt {Attempt} of {MaxAttempts}, trying again")]
    private static partial void LogRetrying(ILogger logger, string operation, string node, string reason, string detail, int attempt, int maxAttempts);

    [LoggerMessage(EventId = 7005, Level = LogLevel.Warning, Message = "EventStoreDB: no node could serve the call to {Operation} ({Detail}); attempt {Attempt} of {MaxAttempts}")]
    private static partial void LogNoNode(ILogger logger, string operation, string detail, int attempt, int maxAttempts);

    [LoggerMessage(EventId = 7002, Level = LogLevel.Information, Message = "EventStoreDB: connected to node {Node}")]
    private static partial void LogConnected(ILogger logger, string node);

    [LoggerMessage(EventId = 7003, Level = LogLevel.Warning, Message = "EventStoreDB: reconnected to node {Node} (was {PreviousNode})")]
    private static partial void LogReconnected(ILogger logger, string node, string previousNode);

    [LoggerMessage(EventId = 7004, Level = LogLevel.Error, Message = "EventStoreDB: gave up the call to {Operation} after {Attempts} attempts")]
    private static partial void LogGaveUp(ILogger logger, Exception error, string operation, int attempts);
}

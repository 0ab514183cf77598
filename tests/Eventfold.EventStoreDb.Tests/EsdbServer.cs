namespace Eventfold.EventStoreDb.Tests;

/// <summary>The EventStoreDB server tests run against, named by the environment variable <see cref="Variable"/>.</summary>
internal static class EsdbServer
{
    public const string Variable = "EVENTFOLD_ESDB";

    public const string SkipReason = "needs an EventStoreDB server: set EVENTFOLD_ESDB";

    public static string? ConnectionString => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value ? value : null;

    /// <summary>Skips the calling test (reported as skipped, with the reason) when no server is named.</summary>
    public static string Require()
    {
        Skip.If(ConnectionString is null, SkipReason);
        return ConnectionString!;
    }

    /// <summary>The connection string with one more option, for example <c>defaultDeadline=1000</c>.</summary>
    public static string With(string connectionString, string option) =>
        connectionString + (connectionString.Contains('?', StringComparison.Ordinal) ? "&" : "?") + option;
}

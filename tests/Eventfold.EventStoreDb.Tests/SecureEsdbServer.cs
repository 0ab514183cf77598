using System.Text.RegularExpressions;

namespace Eventfold.EventStoreDb.Tests;

/// <summary>A secure (TLS, authenticated) EventStoreDB server named by <see cref="Variable"/>, with credentials that may write.</summary>
internal static partial class SecureEsdbServer
{
    public const string Variable = "EVENTFOLD_ESDB_SECURE";

    public const string SkipReason = "needs a secure EventStoreDB server: set EVENTFOLD_ESDB_SECURE";

    public static string? ConnectionString => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value ? value : null;

    /// <summary>Skips the calling test (reported as skipped, with the reason) when no secure server is named.</summary>
    public static string Require()
    {
        Skip.If(ConnectionString is null, SkipReason);
        return ConnectionString!;
    }

    /// <summary>The same connection string with <paramref name="userInfo"/> (<c>user:password</c>, or null for none) as its credentials.</summary>
    public static string WithCredentials(string connectionString, string? userInfo) =>
        Credentials().Replace(connectionString, m => m.Groups["scheme"].Value + (userInfo is null ? "" : userInfo + "@"), 1);

    /// <summary>The same connection string with its options replaced by <paramref name="options"/>.</summary>
    public static string WithOptions(string connectionString, string options)
    {
        int query = connectionString.IndexOf('?', StringComparison.Ordinal);
        return (query < 0 ? connectionString : connectionString[..query]) + "?" + options;
    }

    [GeneratedRegex("^(?<scheme>esdb(\\+discover)?://)([^@/?]*@)?", RegexOptions.IgnoreCase)]
    private static partial Regex Credentials();
}

namespace Eventfold.EventStoreDb;

/// <summary>A connection string that cannot be read; the message says which part is wrong and why.</summary>
public sealed class InvalidConnectionStringException(string connectionString, string reason)
    : FormatException($"EventStoreDB connection string '{Redact(connectionString)}' is not valid: {reason}.")
{
    /// <summary>The connection string, with any password replaced by '***'.</summary>
    public string ConnectionString { get; } = Redact(connectionString);

    public string Reason { get; } = reason;

    /// <summary>
    /// The connection string with everything between the user name and the last '@' replaced by
    /// '***' (all of it before the '@' when no user name can be told apart): a password may hold '@',
    /// '?' or '/' unescaped, and none of it may show.
    /// </summary>
    internal static string Redact(string connectionString)
    {
        int schemeEnd = connectionString.IndexOf("://", StringComparison.Ordinal);
        int start = schemeEnd < 0 ? 0 : schemeEnd + 3;
        int at = connectionString.LastIndexOf('@');
        if (at < start)
        {
            return connectionString;
        }

        int colon = connectionString.IndexOf(':', start);
        bool plainUser = colon > start && colon < at && connectionString.AsSpan(start, colon - start).IndexOfAny("?/@,") < 0;
        int secretStart = plainUser ? colon + 1 : start;
        return string.Concat(connectionString.AsSpan(0, secretStart), "***", connectionString.AsSpan(at));
    }
}

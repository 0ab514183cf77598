namespace Eventfold.EventStoreDb;

/// <summary>A connection string that cannot be read; the message says which part is wrong and why.</summary>
public sealed class InvalidConnectionStringException(string connectionString, string reason)
    : FormatException($"EventStoreDB connection string '{Redact(connectionString)}' is not valid: {reason}.")
{
    /// <summary>The connection string, with any password replaced by '***'.</summary>
    public string ConnectionString { get; } = Redact(connectionString);

    public string Reason { get; } = reason;

    internal static string Redact(string connectionString)
    {
        int schemeEnd = connectionString.IndexOf("://", StringComparison.Ordinal);
        int at = connectionString.IndexOf('@', StringComparison.Ordinal);
        if (schemeEnd < 0 || at < schemeEnd)
        {
            return connectionString;
        }

        int colon = connectionString.IndexOf(':', schemeEnd + 3);
        return colon > 0 && colon < at ? string.Concat(connectionString.AsSpan(0, colon + 1), "***", connectionString.AsSpan(at)) : connectionString;
    }
}

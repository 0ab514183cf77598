namespace Eventfold;

/// <summary>The rules every store applies to stream names, so a name valid in one store is valid in all.</summary>
public static class StreamName
{
    /// <summary>
    /// Names that start with this are Eventfold's own (checkpoint and snapshot streams on EventStoreDB),
    /// reserved in every store so that a name valid in one store is valid in all.
    /// </summary>
    public const string ReservedPrefix = "eventfold.";

    /// <summary>The longest name allowed, in characters.</summary>
    public const int MaxLength = 256;

    /// <summary>The longest part of a name an error message quotes.</summary>
    public const int MaxQuotedLength = 100;

    /// <summary>The name as error messages quote it: its first <see cref="MaxQuotedLength"/> characters.</summary>
    public static string Quote(string? stream) =>
        stream is null ? "(null)" : stream.Length <= MaxQuotedLength ? stream : $"{stream[..MaxQuotedLength]}... ({stream.Length} characters)";

    /// <summary>Throws <see cref="InvalidStreamNameException"/> when <paramref name="stream"/> breaks a rule.</summary>
    public static void Validate(string? stream)
    {
        if (Check(stream) is { } reason)
        {
            throw new InvalidStreamNameException(stream, reason);
        }
    }

    /// <summary>Why <paramref name="stream"/> is not allowed, or null when it is.</summary>
    public static string? Check(string? stream)
    {
        if (string.IsNullOrEmpty(stream))
        {
            return "it is empty";
        }

        if (stream.Length > MaxLength)
        {
            return $"it is {stream.Length} characters long, over the limit of {MaxLength}";
        }

        // '$' opens EventStoreDB's system streams ($all, $et-..., $$metadata).
        if (stream[0] == '$')
        {
            return "names starting with '$' are reserved for system streams";
        }

        if (stream.StartsWith(ReservedPrefix, StringComparison.Ordinal))
        {
            return $"names starting with '{ReservedPrefix}' are reserved for Eventfold's own streams (checkpoints, snapshots)";
        }

        foreach (char c in stream)
        {
            if (char.IsWhiteSpace(c) || char.IsControl(c))
            {
                return "it contains white space or a control character";
            }
        }

        return null;
    }
}

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

        for (int i = 0; i < stream.Length; i++)
        {
            char c = stream[i];
            if (char.IsWhiteSpace(c) || char.IsControl(c))
            {
                return "it contains white space or a control character";
            }

            // A lone surrogate has no UTF-8 form: SQLite and EventStoreDB would store it as U+FFFD,
            // making "a-\uD800" and "a-\uDC00" one stream there and two in memory.
            if (char.IsSurrogate(c))
            {
                if (!char.IsHighSurrogate(c) || i + 1 == stream.Length || !char.IsLowSurrogate(stream[i + 1]))
                {
                    return $"it is not well-formed UTF-16 (a lone surrogate U+{(int)c:X4} at index {i})";
                }

                i++;
            }
        }

        return null;
    }

    /// <summary>The longest part of a name an error message quotes.</summary>
    public const int MaxQuotedLength = 100;

    /// <summary>
    /// <paramref name="stream"/> as error messages show it: at most its first <see cref="MaxQuotedLength"/>
    /// characters, control characters and lone surrogates written as <c>\uXXXX</c> so the message stays readable.
    /// </summary>
    public static string Quote(string? stream)
    {
        if (stream is null)
        {
            return "";
        }

        int length = Math.Min(stream.Length, MaxQuotedLength);
        if (length > 0 && length < stream.Length && char.IsHighSurrogate(stream[length - 1]) && char.IsLowSurrogate(stream[length]))
        {
            length--; // never cut a surrogate pair in two
        }

        var quoted = new System.Text.StringBuilder(length + 32);
        for (int i = 0; i < length; i++)
        {
            char c = stream[i];
            bool paired = char.IsHighSurrogate(c) ? i + 1 < stream.Length && char.IsLowSurrogate(stream[i + 1])
                : char.IsLowSurrogate(c) && i > 0 && char.IsHighSurrogate(stream[i - 1]);
            if (char.IsControl(c) || (char.IsSurrogate(c) && !paired))
            {
                quoted.Append(System.Globalization.CultureInfo.InvariantCulture, $"\\u{(int)c:X4}");
            }
            else
            {
                quoted.Append(c);
            }
        }

        if (length < stream.Length)
        {
            quoted.Append(System.Globalization.CultureInfo.InvariantCulture, $"... ({stream.Length} characters)");
        }

        return quoted.ToString();
    }
}

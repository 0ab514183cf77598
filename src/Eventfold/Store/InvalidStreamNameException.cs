namespace Eventfold;

/// <summary>
/// A stream name that no store accepts; the message says which rule it breaks and quotes at most the
/// name's first 100 characters.
/// </summary>
public sealed class InvalidStreamNameException(string? stream, string reason)
    : ArgumentException($"Stream name '{StreamName.Quote(stream)}' is not allowed: {reason}.", nameof(stream))
{
    public string? Stream { get; } = stream;
}

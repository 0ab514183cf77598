namespace Eventfold;

/// <summary>A stream name that no store accepts; the message says which rule it breaks.</summary>
public sealed class InvalidStreamNameException(string? stream, string reason)
    : ArgumentException($"Stream name '{stream}' is not allowed: {reason}.", nameof(stream))
{
    public string? Stream { get; } = stream;
}

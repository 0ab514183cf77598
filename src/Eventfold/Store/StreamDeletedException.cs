namespace Eventfold;

/// <summary>The stream was deleted (tombstoned) and can be neither read nor appended to.</summary>
public sealed class StreamDeletedException(string stream)
    : Exception($"Stream '{stream}' has been deleted.")
{
    public string Stream { get; } = stream;
}

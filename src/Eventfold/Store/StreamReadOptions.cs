namespace Eventfold;

/// <summary>
/// How to read one stream. <see cref="FromVersion"/> is inclusive; null means the start when reading
/// forwards and the end when reading backwards. <see cref="MaxCount"/> null means no limit.
/// </summary>
public readonly record struct StreamReadOptions(
    ReadDirection Direction = ReadDirection.Forwards,
    long? FromVersion = null,
    long? MaxCount = null)
{
    public static StreamReadOptions Forwards { get; } = new(ReadDirection.Forwards);

    public static StreamReadOptions Backwards { get; } = new(ReadDirection.Backwards);

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> for a negative version or count, as every store does.</summary>
    public void Validate(string stream)
    {
        if (FromVersion is < 0)
        {
            throw new ArgumentOutOfRangeException(
                nameof(FromVersion), FromVersion, $"Reading stream '{StreamName.Quote(stream)}' from version {FromVersion}: versions count from 0.");
        }

        if (MaxCount is < 0)
        {
            throw new ArgumentOutOfRangeException(
                nameof(MaxCount), MaxCount, $"Reading stream '{StreamName.Quote(stream)}' with a negative count of {MaxCount}.");
        }
    }
}

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
}

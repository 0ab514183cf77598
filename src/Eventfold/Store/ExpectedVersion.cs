namespace Eventfold;

/// <summary>The version a stream must be at for an append to succeed (optimistic concurrency).</summary>
public readonly record struct ExpectedVersion
{
    private const long AnyValue = -2;
    private const long NoStreamValue = -1;
    private const long StreamExistsValue = -4;

    private ExpectedVersion(long value) => Value = value;

    /// <summary>The raw value: a version (0 or more), or one of the negative markers.</summary>
    public long Value { get; }

    /// <summary>Append whatever the stream's state.</summary>
    public static ExpectedVersion Any { get; } = new(AnyValue);

    /// <summary>The stream must not exist yet.</summary>
    public static ExpectedVersion NoStream { get; } = new(NoStreamValue);

    /// <summary>The stream must exist, at any version.</summary>
    public static ExpectedVersion StreamExists { get; } = new(StreamExistsValue);

    /// <summary>The stream's last event must have exactly this version; -1 means no stream.</summary>
    public static ExpectedVersion Exactly(long version)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(version, -1);
        return new ExpectedVersion(version);
    }

    public static implicit operator ExpectedVersion(long version) => Exactly(version);

    public bool IsAny => Value == AnyValue;

    public bool IsNoStream => Value == NoStreamValue;

    public bool IsStreamExists => Value == StreamExistsValue;

    /// <summary>True when a specific version (or no stream, -1) is expected.</summary>
    public bool IsExact => Value >= NoStreamValue;

    /// <summary>Whether a stream currently at <paramref name="currentVersion"/> (-1: none) satisfies this expectation.</summary>
    public bool IsSatisfiedBy(long currentVersion) => Value switch
    {
        AnyValue => true,
        StreamExistsValue => currentVersion >= 0,
        _ => Value == currentVersion,
    };

    public override string ToString() => Value switch
    {
        AnyValue => "Any",
        NoStreamValue => "NoStream",
        StreamExistsValue => "StreamExists",
        _ => Value.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}

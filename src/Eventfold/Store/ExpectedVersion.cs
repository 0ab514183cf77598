namespace Eventfold;

/// <summary>
/// The version a stream must be at for an append to succeed (optimistic concurrency). <c>default</c> is no
/// expectation at all, and stores refuse it: it does not silently mean version 0.
/// </summary>
public readonly record struct ExpectedVersion
{
    private const long AnyValue = -2;
    private const long NoStreamValue = -1;
    private const long StreamExistsValue = -4;

    // Values are stored shifted so that every valid one, the negative markers included, is above zero:
    // default(ExpectedVersion) (zero) is then distinguishable from Exactly(0) and NoStream.
    private const long Shift = 5;
    private readonly long _shifted;

    private ExpectedVersion(long value) => _shifted = value + Shift;

    /// <summary>The raw value: a version (0 or more), or one of the negative markers.</summary>
    /// <exception cref="InvalidOperationException">This is <c>default(ExpectedVersion)</c>.</exception>
    public long Value => IsSpecified ? _shifted - Shift : throw new InvalidOperationException(Unspecified);

    /// <summary>False for <c>default(ExpectedVersion)</c>, which no append accepts.</summary>
    public bool IsSpecified => _shifted != 0;

    private const string Unspecified =
        "default(ExpectedVersion) is no expectation: use ExpectedVersion.Any, NoStream, StreamExists or Exactly(version).";

    /// <summary>Throws <see cref="ArgumentException"/> for <c>default(ExpectedVersion)</c>.</summary>
    public void EnsureSpecified(string paramName)
    {
        if (!IsSpecified)
        {
            throw new ArgumentException(Unspecified, paramName);
        }
    }

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

    public bool IsAny => _shifted == AnyValue + Shift;

    public bool IsNoStream => _shifted == NoStreamValue + Shift;

    public bool IsStreamExists => _shifted == StreamExistsValue + Shift;

    /// <summary>True when a specific version (or no stream, -1) is expected.</summary>
    public bool IsExact => _shifted >= NoStreamValue + Shift;

    /// <summary>Whether a stream currently at <paramref name="currentVersion"/> (-1: none) satisfies this expectation.</summary>
    public bool IsSatisfiedBy(long currentVersion) => Value switch
    {
        AnyValue => true,
        StreamExistsValue => currentVersion >= 0,
        _ => Value == currentVersion,
    };

    public override string ToString() => !IsSpecified ? "(unspecified)" : Value switch
    {
        AnyValue => "Any",
        NoStreamValue => "NoStream",
        StreamExistsValue => "StreamExists",
        _ => Value.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}

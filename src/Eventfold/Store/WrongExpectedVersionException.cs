namespace Eventfold;

/// <summary>An append found its stream at another version than expected (a concurrent writer won).</summary>
public sealed class WrongExpectedVersionException(string stream, ExpectedVersion expected, long actualVersion)
    : Exception($"Append to stream '{StreamName.Quote(stream)}' expected {DescribeExpected(expected)} but {Describe(actualVersion)}.")
{
    public string Stream { get; } = stream;

    public ExpectedVersion Expected { get; } = expected;

    /// <summary>The stream's version when the append was refused; -1 when it does not exist.</summary>
    public long ActualVersion { get; } = actualVersion;

    private static string Describe(long version) => version < 0 ? "the stream does not exist" : $"the stream is at version {version}";

    private static string DescribeExpected(ExpectedVersion expected) =>
        expected.IsNoStream ? "no stream" : expected.IsStreamExists ? "an existing stream" : $"version {expected}";
}

namespace Eventfold;

/// <summary>
/// <c>UpdateAsync</c> met a concurrent save on every attempt; the last conflict is the inner exception.
/// Nothing of the last attempt was written.
/// </summary>
public sealed class ConcurrencyRetriesExhaustedException(string stream, int attempts, WrongExpectedVersionException last)
    : Exception(
        $"Update of stream '{StreamName.Quote(stream)}' gave up after {attempts} attempts, each refused because another writer saved first; " +
        $"the last expected {last.Expected} but the stream was at version {last.ActualVersion}.",
        last)
{
    public string Stream { get; } = stream;

    /// <summary>How many times the aggregate was loaded, decided and saved.</summary>
    public int Attempts { get; } = attempts;

    /// <summary>The stream's version when the last attempt was refused.</summary>
    public long ActualVersion { get; } = last.ActualVersion;
}

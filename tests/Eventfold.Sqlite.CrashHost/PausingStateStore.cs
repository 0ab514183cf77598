using Eventfold.StoreConformance;

namespace Eventfold.Sqlite.CrashHost;

/// <summary>
/// Passes every append through, except that after <paramref name="pauseAfterSaves"/> aggregate saves the next
/// state publish prints "between {stream} {version}" and waits forever: the save is in the file, its state is
/// not, and the test kills the process right there.
/// </summary>
internal sealed class PausingStateStore(IEventStore inner, int pauseAfterSaves) : DelegatingEventStore(inner)
{
    private int _saves;

    public override async Task<AppendResult> AppendAsync(string stream, ExpectedVersion expected, IReadOnlyList<EventData> events, CancellationToken ct = default)
    {
        if (!stream.Contains(".state-", StringComparison.Ordinal))
        {
            var saved = await Inner.AppendAsync(stream, expected, events, ct);
            _saves++;
            return saved;
        }

        if (pauseAfterSaves >= 0 && _saves > pauseAfterSaves)
        {
            var state = (IPublishedState)events[0].Event;
            Console.WriteLine($"between {state.Id} {state.Version}");
            await Task.Delay(Timeout.Infinite, ct);
        }

        return await Inner.AppendAsync(stream, expected, events, ct);
    }
}

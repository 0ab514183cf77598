namespace Eventfold;

public sealed partial class InMemoryEventStore : IStreamTruncation
{
    /// <summary>What a dropped event's place holds: its version, position and id stay (the log is indexed by them), its data goes.</summary>
    private static readonly SerializedEvent DroppedEvent = new(Guid.Empty, "", 0, [], []);

    private readonly Dictionary<string, long> _maxCounts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _firstKept = new(StringComparer.Ordinal);

    public Task SetStreamMaxCountAsync(string stream, long maxCount, CancellationToken ct = default)
    {
        StreamName.Validate(stream);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxCount, 1);
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _maxCounts[stream] = maxCount;
            Trim(stream);
        }

        return Task.CompletedTask;
    }

    /// <summary>The version reads of <paramref name="stream"/> start at: 0, or the oldest event kept. Called under the gate.</summary>
    private long FirstKept(string stream) => _firstKept.Count == 0 ? 0 : _firstKept.GetValueOrDefault(stream);

    /// <summary>Drops the events of <paramref name="stream"/> older than its newest max count, if it has a limit. Called under the gate.</summary>
    private void Trim(string stream)
    {
        if (_maxCounts.Count == 0 || !_maxCounts.TryGetValue(stream, out long maxCount) || !_streams.TryGetValue(stream, out var records))
        {
            return;
        }

        long first = FirstKept(stream);
        long keepFrom = records.Count - maxCount;
        for (long v = first; v < keepFrom; v++)
        {
            var record = records[(int)v];
            _byEventId.Remove((stream, record.EventId));
            var dropped = record with { Event = DroppedEvent, Dropped = true };
            records[(int)v] = dropped;
            _log[(int)(record.Position.Commit - 1)] = dropped;
        }

        if (keepFrom > first)
        {
            _firstKept[stream] = keepFrom;
        }
    }
}

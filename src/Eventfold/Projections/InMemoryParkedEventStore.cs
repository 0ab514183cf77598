namespace Eventfold;

/// <summary>Parked events kept in memory: for <see cref="InMemoryEventStore"/> and tests, lost with the process.</summary>
public sealed class InMemoryParkedEventStore : IParkedEventStore
{
    private readonly Lock _sync = new();
    private readonly Dictionary<string, SortedList<GlobalPosition, ParkedEvent>> _byProjection = new(StringComparer.Ordinal);

    public Task ParkAsync(ParkedEvent parked, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(parked);
        lock (_sync)
        {
            if (!_byProjection.TryGetValue(parked.Projection, out var list))
            {
                _byProjection[parked.Projection] = list = new SortedList<GlobalPosition, ParkedEvent>();
            }

            list[parked.Position] = parked;
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<ParkedEvent>> ListAsync(string projection, CancellationToken ct = default)
    {
        lock (_sync)
        {
            IReadOnlyList<ParkedEvent> result = _byProjection.TryGetValue(projection, out var list) ? list.Values.ToArray() : [];
            return Task.FromResult(result);
        }
    }

    public Task<bool> RemoveAsync(string projection, GlobalPosition position, CancellationToken ct = default)
    {
        lock (_sync)
        {
            return Task.FromResult(_byProjection.TryGetValue(projection, out var list) && list.Remove(position));
        }
    }
}

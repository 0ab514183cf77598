using System.Collections.Concurrent;

namespace Eventfold;

/// <summary>Checkpoints that live as long as their owner: for a replica kept in memory, whose copy is gone after a restart too.</summary>
internal sealed class InMemoryCheckpoints : ICheckpointStore
{
    private readonly ConcurrentDictionary<string, GlobalPosition> _positions = new(StringComparer.Ordinal);

    public Task<GlobalPosition?> GetCheckpointAsync(string consumer, CancellationToken ct = default) =>
        Task.FromResult<GlobalPosition?>(_positions.TryGetValue(consumer, out var position) ? position : null);

    public Task SetCheckpointAsync(string consumer, GlobalPosition position, CancellationToken ct = default)
    {
        _positions[consumer] = position;
        return Task.CompletedTask;
    }

    public Task DeleteCheckpointAsync(string consumer, CancellationToken ct = default)
    {
        _positions.TryRemove(consumer, out _);
        return Task.CompletedTask;
    }
}

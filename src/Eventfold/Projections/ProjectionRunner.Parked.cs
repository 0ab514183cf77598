namespace Eventfold;

/// <summary>The parked-event API: list, replay (re-dispatch; removed once it succeeds) and discard.</summary>
public sealed partial class ProjectionRunner<T>
{
    /// <summary>The events this projection has parked, in log order.</summary>
    public Task<IReadOnlyList<ParkedEvent>> ListParkedAsync(CancellationToken ct = default) => ParkedEvents.ListAsync(Name, ct);

    /// <summary>
    /// Reads the parked event at <paramref name="position"/> again and dispatches it to the projection once.
    /// On success the record is removed and true returned; on failure the record is kept with the new error
    /// and false returned. Call it while the runner is not running, unless the projection is thread-safe.
    /// </summary>
    /// <exception cref="InvalidOperationException">Nothing is parked at <paramref name="position"/>.</exception>
    public async Task<bool> ReplayParkedAsync(GlobalPosition position, CancellationToken ct = default)
    {
        var parked = (await ListParkedAsync(ct).ConfigureAwait(false)).FirstOrDefault(p => p.Position == position)
            ?? throw new InvalidOperationException($"Projection '{Name}' has no event parked at position {position}.");
        try
        {
            var recorded = await ReadAtAsync(parked, ct).ConfigureAwait(false);
            await Projection.DispatchAsync(recorded, ct).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            await ParkedEvents.ParkAsync(parked with { Error = $"{ex.GetType().Name}: {ex.Message}", Attempts = parked.Attempts + 1, ParkedAt = _clock.GetUtcNow() }, ct).ConfigureAwait(false);
            return false;
        }

        await ParkedEvents.RemoveAsync(Name, position, ct).ConfigureAwait(false);
        return true;
    }

    /// <summary>Replays every parked event in log order; returns how many succeeded (and were removed).</summary>
    public async Task<int> ReplayAllParkedAsync(CancellationToken ct = default)
    {
        int replayed = 0;
        foreach (var parked in await ListParkedAsync(ct).ConfigureAwait(false))
        {
            replayed += await ReplayParkedAsync(parked.Position, ct).ConfigureAwait(false) ? 1 : 0;
        }

        return replayed;
    }

    /// <summary>Forgets the parked event at <paramref name="position"/> without handling it; false when none is parked there.</summary>
    public Task<bool> DiscardParkedAsync(GlobalPosition position, CancellationToken ct = default) => ParkedEvents.RemoveAsync(Name, position, ct);

    private async Task<RecordedEvent> ReadAtAsync(ParkedEvent parked, CancellationToken ct)
    {
        await foreach (var recorded in _store.ReadAllAsync(parked.Position, _filter, ct).ConfigureAwait(false))
        {
            if (recorded.Position == parked.Position)
            {
                return recorded;
            }

            break;
        }

        throw new InvalidOperationException($"Projection '{Name}': the parked '{parked.EventName}' of stream '{parked.Stream}' version {parked.Version} is no longer at position {parked.Position}.");
    }
}

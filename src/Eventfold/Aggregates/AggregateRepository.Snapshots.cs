namespace Eventfold;

/// <summary>
/// Snapshot upkeep, for after a change of aggregate code that the shape hash cannot see (an Apply that
/// now computes something else): drop one stream's snapshot, or rebuild snapshots from the events.
/// </summary>
public sealed partial class AggregateRepository<T>
{
    /// <summary>Forgets the snapshot of the aggregate with this id, if any: its next load replays every event.</summary>
    public Task DeleteSnapshotAsync(string id, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        return _store.DeleteSnapshotAsync(StreamFor(id), ct);
    }

    /// <summary>
    /// Replays every event of the aggregate with this id, ignoring any snapshot, and writes a snapshot of
    /// the result (awaited, and failing loudly, unlike the background snapshots of a save). It replaces
    /// the kept snapshot, whatever that holds, unless a save has meanwhile written a later one.
    /// </summary>
    /// <returns>The version snapshotted, or null when the stream does not exist.</returns>
    /// <exception cref="InvalidOperationException">The aggregate has no snapshot support.</exception>
    public async Task<long?> RebuildSnapshotAsync(string id, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        EnsureSnapshots();
        T? aggregate = await ReplayAllAsync(id, ct).ConfigureAwait(false);
        if (aggregate is null)
        {
            return null;
        }

        await _store.SetSnapshotAsync(AggregateSnapshots<T>.Capture(aggregate, StreamFor(id), _store.Serializer.SnapshotOptions), ct).ConfigureAwait(false);
        return aggregate.Version;
    }

    /// <summary>
    /// Rebuilds the snapshot of every aggregate of this type whose id starts with <paramref name="idPrefix"/>
    /// (all when empty), found in the global log: each stream that holds a snapshot of this category or at
    /// least SnapshotEvery events. A stream holding another category's snapshot (category "order" also
    /// matches the streams of a category "order-line") is left alone.
    /// </summary>
    /// <exception cref="InvalidOperationException">The aggregate has no snapshot support.</exception>
    public async Task<SnapshotRebuildResult> RebuildSnapshotsAsync(string idPrefix = "", CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(idPrefix);
        EnsureSnapshots();
        string prefix = StreamFor(idPrefix);
        int streams = 0, rebuilt = 0, skipped = 0;
        await foreach (string stream in StreamsWithPrefixAsync(prefix, ct).ConfigureAwait(false))
        {
            streams++;
            var kept = await _store.GetSnapshotAsync(stream, ct).ConfigureAwait(false);
            if (kept is not null && !IsOfThisCategory(kept))
            {
                skipped++;
                continue;
            }

            long version = await _store.GetStreamVersionAsync(stream, ct).ConfigureAwait(false);
            if (kept is null && version + 1 < T.SnapshotEvery)
            {
                continue;
            }

            if (await RebuildSnapshotAsync(stream[(T.Category.Length + 1)..], ct).ConfigureAwait(false) is not null)
            {
                rebuilt++;
            }
        }

        return new SnapshotRebuildResult(streams, rebuilt, skipped);
    }

    private static bool IsOfThisCategory(Snapshot snapshot) =>
        snapshot.StateType.StartsWith(T.Category + "@", StringComparison.Ordinal);

    private static void EnsureSnapshots()
    {
        if (!AggregateSnapshots<T>.Enabled)
        {
            throw new InvalidOperationException(
                $"Aggregate {typeof(T).Name} has no snapshot support: " +
                (T.SnapshotEvery <= 0
                    ? "[Aggregate] sets no SnapshotEvery."
                    : "the generator found a member it cannot capture or restore (EVF043, EVF044; the generated file names it)."));
        }
    }

    private async Task<T?> ReplayAllAsync(string id, CancellationToken ct)
    {
        T? aggregate = null;
        await foreach (var e in _store.ReadStreamAsync(StreamFor(id), StreamReadOptions.Forwards, ct).ConfigureAwait(false))
        {
            aggregate ??= T.Create(id);
            aggregate.ReplayEvent(e.Event, e.Version);
        }

        return aggregate;
    }

    /// <summary>Each stream of the global log with this prefix, once, in the order of its first event.</summary>
    private async IAsyncEnumerable<string> StreamsWithPrefixAsync(string prefix, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var e in _store.ReadAllAsync(GlobalPosition.Start, EventFilter.ForStreamPrefixes(prefix), ct).ConfigureAwait(false))
        {
            if (seen.Add(e.Stream))
            {
                yield return e.Stream;
            }
        }
    }
}

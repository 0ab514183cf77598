namespace Eventfold;

/// <summary>Loads and saves aggregates of one type as event streams, with optimistic concurrency.</summary>
/// <param name="store">Where the aggregate's stream lives.</param>
/// <param name="registry">
/// The registry that tells a superseded event version from the latest (saving one is refused); the
/// generated registrations' <see cref="EventRegistry.Default"/> unless the store's serializer uses another.
/// </param>
public sealed partial class AggregateRepository<T>(IEventStore store, EventRegistry? registry = null) : IAggregateRepository<T>
    where T : class, IEventSourced<T>
{
    private readonly IEventStore _store = store ?? throw new ArgumentNullException(nameof(store));
    private readonly EventRegistry _registry = registry ?? EventRegistry.Default;

    /// <summary>The stream that holds the aggregate with this id.</summary>
    public static string StreamFor(string id) => $"{T.Category}-{id}";

    /// <summary>A new aggregate, not yet saved (version -1).</summary>
    public T Create(string id)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        StreamName.Validate(StreamFor(id));
        return T.Create(id);
    }

    /// <summary>
    /// The aggregate with all its events applied, or null when its stream does not exist. With snapshots,
    /// the newest valid snapshot plus the events after it; a snapshot of another shape, or one that cannot
    /// be read, is ignored (all events are replayed) and replaced.
    /// </summary>
    public Task<T?> LoadAsync(string id, CancellationToken ct = default) =>
        LoadUpToAsync(id, long.MaxValue, asOf: null, ct);

    /// <summary>
    /// The aggregate as it was at <paramref name="version"/>, or null when its stream does not exist. A
    /// version past the stream's end gives the aggregate as it is now, at the stream's last version.
    /// Starts from the stream's snapshot when it is at or below <paramref name="version"/>.
    /// </summary>
    public Task<T?> LoadAtVersionAsync(string id, long version, CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(version);
        return LoadUpToAsync(id, version, asOf: null, ct);
    }

    /// <summary>
    /// The aggregate as it was at <paramref name="asOf"/>, or null when it had no events yet. Starts from
    /// the stream's snapshot when the event it was taken at is stamped at or before <paramref name="asOf"/>.
    /// </summary>
    public Task<T?> LoadAsOfAsync(string id, DateTimeOffset asOf, CancellationToken ct = default) =>
        LoadUpToAsync(id, long.MaxValue, asOf, ct);

    /// <summary>
    /// Appends the aggregate's uncommitted events, expecting the stream to be where the aggregate was
    /// loaded from. Each event keeps the id it got when raised, so calling this again with the same
    /// instance after an ambiguous failure (the store wrote, then the call failed) writes nothing twice.
    /// With nothing to save it writes nothing and returns the stream's current version and position.
    /// </summary>
    /// <exception cref="WrongExpectedVersionException">Another writer saved the aggregate first; nothing of this save was written.</exception>
    /// <exception cref="InvalidOperationException">Another save of this same instance is under way.</exception>
    public Task<AppendResult> SaveAsync(T aggregate, CancellationToken ct = default) => SaveAsync(aggregate, EventMetadata.Empty, ct);

    /// <summary>
    /// Saves as <see cref="SaveAsync(T, CancellationToken)"/> does, every event of the save carrying
    /// <paramref name="metadata"/> (correlation id, causation id, headers). What it leaves out is filled from where the
    /// save runs: inside a saga step, the correlation and causation of what started the saga; otherwise, with an
    /// ambient <see cref="System.Diagnostics.Activity"/>, its trace id as the correlation id.
    /// </summary>
    public async Task<AppendResult> SaveAsync(T aggregate, EventMetadata metadata, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(aggregate);
        ArgumentNullException.ThrowIfNull(metadata);
        if (!aggregate.TryBeginSave())
        {
            throw new InvalidOperationException(
                $"Aggregate {typeof(T).Name} '{aggregate.Id}' (stream '{StreamFor(aggregate.Id)}') is already being saved. " +
                "Await each SaveAsync of an instance before saving it again.");
        }

        try
        {
            string stream = StreamFor(aggregate.Id);
            var pending = aggregate.UncommittedEvents;
            if (pending.Count == 0)
            {
                return await ReadHeadAsync(stream, ct).ConfigureAwait(false);
            }

            // Taken before the first await, so events raised while the append runs wait for the next save.
            var ids = aggregate.UncommittedEventIds;
            long loadedVersion = aggregate.Version - pending.Count;
            var carried = AmbientMetadata.Resolve(metadata);
            var batch = new EventData[pending.Count];
            for (int i = 0; i < batch.Length; i++)
            {
                EnsureLatestVersion(aggregate, pending[i]);
                batch[i] = new EventData(pending[i], ids[i], carried);
            }

            var result = await _store.AppendAsync(stream, ExpectedVersion.Exactly(loadedVersion), batch, ct).ConfigureAwait(false);
            aggregate.MarkCommitted(batch.Length);
            // Only when no event was raised during the append, so the state is exactly the stream's at its new version.
            if (AggregateSnapshots<T>.Enabled
                && AggregateSnapshots<T>.Crosses(loadedVersion, result.NextExpectedVersion)
                && aggregate.Version == result.NextExpectedVersion)
            {
                SnapshotInBackground(aggregate, stream);
            }

            // Published only when the state is exactly the stream's at its new version; otherwise the
            // state publisher (StatePublisher<T>) publishes it from the log, as after a crash here.
            if (aggregate is IPublishesState publisher && aggregate.Version == result.NextExpectedVersion)
            {
                await PublishStateAsync(publisher, stream).ConfigureAwait(false);
            }

            return result;
        }
        finally
        {
            aggregate.EndSave();
        }
    }

    /// <summary>What an empty append reports: the stream's last version and position; -1 and the start when it has none.</summary>
    private async Task<AppendResult> ReadHeadAsync(string stream, CancellationToken ct)
    {
        var lastOnly = new StreamReadOptions(ReadDirection.Backwards, FromVersion: null, MaxCount: 1);
        await foreach (var last in _store.ReadStreamAsync(stream, lastOnly, ct).ConfigureAwait(false))
        {
            return new AppendResult(last.Version, last.Position);
        }

        return new AppendResult(-1, GlobalPosition.Start);
    }

    private async Task<T?> LoadUpToAsync(string id, long maxVersion, DateTimeOffset? asOf, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        string stream = StreamFor(id);
        Snapshot? snapshot = AggregateSnapshots<T>.Enabled ? await _store.GetSnapshotAsync(stream, ct).ConfigureAwait(false) : null;
        bool fullLoad = maxVersion == long.MaxValue && asOf is null;
        T? aggregate = null;
        bool rejected = false;
        if (snapshot is not null && snapshot.Version <= maxVersion && (asOf is null || await StampedByAsync(stream, snapshot.Version, asOf.Value, ct).ConfigureAwait(false)))
        {
            aggregate = AggregateSnapshots<T>.TryRestore(id, snapshot, _store.Serializer.SnapshotOptions);
            rejected = aggregate is null;
        }

        var from = aggregate is null ? StreamReadOptions.Forwards : new StreamReadOptions(ReadDirection.Forwards, aggregate.Version + 1);
        await foreach (var e in _store.ReadStreamAsync(stream, from, ct).ConfigureAwait(false))
        {
            if (e.Version > maxVersion || e.Timestamp > asOf)
            {
                break;
            }

            aggregate ??= T.Create(id);
            aggregate.ReplayEvent(e.Event, e.Version);
        }

        // A snapshot of another shape, or a corrupt one, is replaced by one of the current state.
        if (rejected && fullLoad && aggregate is not null && aggregate.Version >= snapshot!.Version)
        {
            SnapshotInBackground(aggregate, stream);
        }

        return aggregate;
    }

    /// <summary>True when the event at <paramref name="version"/> was stored at or before <paramref name="asOf"/>.</summary>
    private async Task<bool> StampedByAsync(string stream, long version, DateTimeOffset asOf, CancellationToken ct)
    {
        await foreach (var e in _store.ReadStreamAsync(stream, new StreamReadOptions(ReadDirection.Forwards, version, MaxCount: 1), ct).ConfigureAwait(false))
        {
            return e.Version == version && e.Timestamp <= asOf;
        }

        return false;
    }

    /// <summary>
    /// Captures the state now (the caller may change the aggregate next) and writes it without delaying the
    /// caller. Snapshots are a cache: a failure to capture or write one is swallowed and only costs a longer replay.
    /// </summary>
    private void SnapshotInBackground(T aggregate, string stream)
    {
        Snapshot snapshot;
        try
        {
            snapshot = AggregateSnapshots<T>.Capture(aggregate, stream, _store.Serializer.SnapshotOptions);
        }
        catch (Exception)
        {
            return;
        }

        LastSnapshotWrite = Task.Run(async () =>
        {
            try
            {
                await _store.SetSnapshotAsync(snapshot, CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception)
            {
                // Swallowed on purpose: the save succeeded, and the next crossing writes another snapshot.
            }
        });
    }

    /// <summary>The latest background snapshot write, for tests to await; it never faults.</summary>
    internal Task LastSnapshotWrite { get; private set; } = Task.CompletedTask;

    /// <summary>Domain code always raises the latest version of a name; an older one is for tools and migrations.</summary>
    private void EnsureLatestVersion(T aggregate, object @event)
    {
        if (_registry.TryGetByType(@event.GetType(), out var type) && _registry.LatestVersion(type.Name) is var latest && latest > type.Version)
        {
            throw new InvalidOperationException(
                $"Aggregate {typeof(T).Name} '{aggregate.Id}' raised '{@event.GetType().Name}', version {type.Version} of event '{type.Name}', " +
                $"which version {latest} supersedes: aggregates raise the latest version. Nothing was saved.");
        }
    }
}

namespace Eventfold;

/// <summary>Loads and saves aggregates of one type as event streams, with optimistic concurrency.</summary>
/// <param name="store">Where the aggregate's stream lives.</param>
/// <param name="registry">
/// The registry that tells a superseded event version from the latest (saving one is refused); the
/// generated registrations' <see cref="EventRegistry.Default"/> unless the store's serializer uses another.
/// </param>
public sealed class AggregateRepository<T>(IEventStore store, EventRegistry? registry = null)
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

    /// <summary>The aggregate with all its events applied, or null when its stream does not exist.</summary>
    public Task<T?> LoadAsync(string id, CancellationToken ct = default) =>
        LoadWhileAsync(id, static _ => true, ct);

    /// <summary>
    /// The aggregate as it was at <paramref name="version"/>, or null when its stream does not exist. A
    /// version past the stream's end gives the aggregate as it is now, at the stream's last version.
    /// </summary>
    public Task<T?> LoadAtVersionAsync(string id, long version, CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(version);
        return LoadWhileAsync(id, e => e.Version <= version, ct);
    }

    /// <summary>The aggregate as it was at <paramref name="asOf"/>, or null when it had no events yet.</summary>
    public Task<T?> LoadAsOfAsync(string id, DateTimeOffset asOf, CancellationToken ct = default) =>
        LoadWhileAsync(id, e => e.Timestamp <= asOf, ct);

    /// <summary>
    /// Appends the aggregate's uncommitted events, expecting the stream to be where the aggregate was
    /// loaded from. Each event keeps the id it got when raised, so calling this again with the same
    /// instance after an ambiguous failure (the store wrote, then the call failed) writes nothing twice.
    /// With nothing to save it writes nothing and returns the stream's current version and position.
    /// </summary>
    /// <exception cref="WrongExpectedVersionException">Another writer saved the aggregate first; nothing of this save was written.</exception>
    /// <exception cref="InvalidOperationException">Another save of this same instance is under way.</exception>
    public async Task<AppendResult> SaveAsync(T aggregate, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(aggregate);
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
            var batch = new EventData[pending.Count];
            for (int i = 0; i < batch.Length; i++)
            {
                EnsureLatestVersion(aggregate, pending[i]);
                batch[i] = new EventData(pending[i], ids[i], EventMetadata.Empty);
            }

            var result = await _store.AppendAsync(stream, ExpectedVersion.Exactly(loadedVersion), batch, ct).ConfigureAwait(false);
            aggregate.MarkCommitted(batch.Length);
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

    private async Task<T?> LoadWhileAsync(string id, Func<RecordedEvent, bool> include, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        T? aggregate = null;
        await foreach (var e in _store.ReadStreamAsync(StreamFor(id), StreamReadOptions.Forwards, ct).ConfigureAwait(false))
        {
            if (!include(e))
            {
                break;
            }

            aggregate ??= T.Create(id);
            aggregate.ReplayEvent(e.Event, e.Version);
        }

        return aggregate;
    }

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

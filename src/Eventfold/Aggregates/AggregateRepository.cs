namespace Eventfold;

/// <summary>Loads and saves aggregates of one type as event streams, with optimistic concurrency.</summary>
public sealed class AggregateRepository<T>(IEventStore store)
    where T : class, IEventSourced<T>
{
    private readonly IEventStore _store = store ?? throw new ArgumentNullException(nameof(store));

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

    /// <summary>The aggregate as it was at <paramref name="version"/>, or null when its stream does not exist.</summary>
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
    /// loaded from; nothing to save is a no-op.
    /// </summary>
    /// <exception cref="WrongExpectedVersionException">Another writer saved the aggregate first.</exception>
    public async Task<AppendResult> SaveAsync(T aggregate, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(aggregate);
        var pending = aggregate.UncommittedEvents;
        long loadedVersion = aggregate.Version - pending.Count;
        if (pending.Count == 0)
        {
            return new AppendResult(aggregate.Version, GlobalPosition.Start);
        }

        var batch = new EventData[pending.Count];
        for (int i = 0; i < batch.Length; i++)
        {
            batch[i] = EventData.From(pending[i]);
        }

        var result = await _store.AppendAsync(StreamFor(aggregate.Id), ExpectedVersion.Exactly(loadedVersion), batch, ct).ConfigureAwait(false);
        aggregate.MarkCommitted();
        return result;
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
}

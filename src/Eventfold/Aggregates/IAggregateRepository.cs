namespace Eventfold;

/// <summary>
/// Loads and saves aggregates of one type; implemented by <see cref="AggregateRepository{T}"/> and registered
/// by <c>AddEventfold</c>, so application code can depend on it and be tested with a fake.
/// </summary>
public interface IAggregateRepository<T>
    where T : class, IEventSourced<T>
{
    /// <summary>A new aggregate, not yet saved (version -1).</summary>
    T Create(string id);

    /// <summary>The aggregate with all its events applied, or null when its stream does not exist.</summary>
    Task<T?> LoadAsync(string id, CancellationToken ct = default);

    /// <summary>The aggregate as it was at <paramref name="version"/>, or null when its stream does not exist.</summary>
    Task<T?> LoadAtVersionAsync(string id, long version, CancellationToken ct = default);

    /// <summary>The aggregate as it was at <paramref name="asOf"/>, or null when it had no events yet.</summary>
    Task<T?> LoadAsOfAsync(string id, DateTimeOffset asOf, CancellationToken ct = default);

    /// <summary>Appends the aggregate's uncommitted events, expecting the stream to be where the aggregate was loaded from.</summary>
    /// <exception cref="WrongExpectedVersionException">Another writer saved the aggregate first.</exception>
    Task<AppendResult> SaveAsync(T aggregate, CancellationToken ct = default);

    /// <summary>
    /// Saves as <see cref="SaveAsync(T, CancellationToken)"/> does, every event of the save carrying <paramref name="metadata"/>;
    /// a missing correlation comes from the saga step or the ambient activity's trace id.
    /// </summary>
    /// <exception cref="WrongExpectedVersionException">Another writer saved the aggregate first.</exception>
    Task<AppendResult> SaveAsync(T aggregate, EventMetadata metadata, CancellationToken ct = default);

    /// <summary>
    /// Load, decide, save: loads the aggregate (a new one, version -1, when its stream does not exist), runs
    /// <paramref name="decide"/> on it and saves what it raised. When another writer saved first, loads again
    /// and decides again, up to <paramref name="retries"/> more times.
    /// </summary>
    /// <returns>The saved aggregate.</returns>
    /// <exception cref="ConcurrencyRetriesExhaustedException">Every attempt met a concurrent save.</exception>
    Task<T> UpdateAsync(string id, Action<T> decide, int retries = 3, CancellationToken ct = default);

    /// <summary>Load, decide, save as <see cref="UpdateAsync(string, Action{T}, int, CancellationToken)"/> does, the events saved carrying <paramref name="metadata"/>.</summary>
    /// <exception cref="ConcurrencyRetriesExhaustedException">Every attempt met a concurrent save.</exception>
    Task<T> UpdateAsync(string id, Action<T> decide, EventMetadata metadata, int retries = 3, CancellationToken ct = default);
}

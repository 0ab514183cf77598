namespace Eventfold;

public sealed partial class AggregateRepository<T>
{
    /// <inheritdoc />
    public Task<T> UpdateAsync(string id, Action<T> decide, int retries = 3, CancellationToken ct = default) =>
        UpdateAsync(id, decide, EventMetadata.Empty, retries, ct);

    /// <inheritdoc />
    public async Task<T> UpdateAsync(string id, Action<T> decide, EventMetadata metadata, int retries = 3, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        ArgumentException.ThrowIfNullOrEmpty(id);
        ArgumentNullException.ThrowIfNull(decide);
        ArgumentOutOfRangeException.ThrowIfNegative(retries);
        for (int attempt = 1; ; attempt++)
        {
            // A fresh load each attempt: the decision is made again on the state the other writer left.
            T aggregate = await LoadAsync(id, ct).ConfigureAwait(false) ?? Create(id);
            decide(aggregate);
            try
            {
                await SaveAsync(aggregate, metadata, ct).ConfigureAwait(false);
                return aggregate;
            }
            catch (WrongExpectedVersionException conflict) when (attempt > retries)
            {
                throw new ConcurrencyRetriesExhaustedException(StreamFor(id), attempt, conflict);
            }
            catch (WrongExpectedVersionException)
            {
                // Retried: another writer saved between this load and this save.
            }
        }
    }
}

namespace Eventfold;

public sealed partial class SagaCoordinator<TSaga, TData>
{
    private static readonly EventFilter LifecycleFilter = new()
    {
        EventNames = [SagaLogEvents.Started, SagaLogEvents.Ended, SagaLogEvents.Retried],
        StreamPrefixes = ["saga-" + TSaga.SagaName + "-"],
    };

    /// <summary>
    /// Resumes every saga of this type whose log has no end, each at the step after the last one logged, with
    /// the data that step left (or its compensation, with the data its step left). A saga another coordinator
    /// advances meanwhile is left to it (this one backs off). Returns how many sagas this call brought to an end.
    /// </summary>
    public async Task<int> RecoverAsync(CancellationToken ct = default)
    {
        int ended = 0;
        foreach (string sagaId in await FindAsync(unfinished: true, ct).ConfigureAwait(false))
        {
            var progress = await ReadAsync(sagaId, ct).ConfigureAwait(false);
            if (progress is { State.IsEnded: false } && await AdvanceAsync(progress, backOffOnConflict: true, ct).ConfigureAwait(false) is not null)
            {
                ended++;
            }
        }

        return ended;
    }

    /// <summary>Every saga of this type that ended <see cref="SagaStatus.CompensationFailed"/> and was not retried since, with its log.</summary>
    public async Task<IReadOnlyList<SagaHistory>> ListCompensationFailedAsync(CancellationToken ct = default)
    {
        var failed = new List<SagaHistory>();
        foreach (string sagaId in await FindAsync(unfinished: false, ct).ConfigureAwait(false))
        {
            if (await GetHistoryAsync(sagaId, ct).ConfigureAwait(false) is { State.Phase: SagaPhase.CompensationFailed } history)
            {
                failed.Add(history);
            }
        }

        return failed;
    }

    /// <summary>The saga's state and its whole log; null when it has none.</summary>
    public async Task<SagaHistory?> GetHistoryAsync(string sagaId, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(sagaId);
        var progress = NewProgress(sagaId);
        var log = new List<RecordedEvent>();
        await foreach (var recorded in _store.ReadStreamAsync(StreamOf(sagaId), ct).ConfigureAwait(false))
        {
            progress.Apply(recorded.Event, Transitions);
            log.Add(recorded);
        }

        return log.Count == 0
            ? null
            : new SagaHistory(sagaId, StreamOf(sagaId), progress.State, progress.FailedStep, progress.Error, progress.FailedCompensation, progress.CompensationError, log);
    }

    /// <summary>
    /// An operator's retry of a saga that ended <see cref="SagaStatus.CompensationFailed"/> (once the cause is
    /// fixed): logs <see cref="SagaRetried"/>, runs the failed compensation again with its retries, then the
    /// earlier ones. Returns the new outcome.
    /// </summary>
    /// <exception cref="InvalidOperationException">The saga does not exist or did not end CompensationFailed.</exception>
    public async Task<SagaResult> RetryAsync(string sagaId, string reason, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(sagaId);
        ArgumentNullException.ThrowIfNull(reason);
        var progress = await ReadAsync(sagaId, ct).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"Saga '{Name}' id '{sagaId}' has no log '{StreamOf(sagaId)}'.");
        if (progress.State.Phase != SagaPhase.CompensationFailed)
        {
            throw new InvalidOperationException($"Saga '{Name}' id '{sagaId}' is {progress.State.Phase}, not CompensationFailed: only a failed compensation is retried.");
        }

        await AppendAsync(progress, [new SagaRetried(reason)], ct).ConfigureAwait(false);
        return (await AdvanceAsync(progress, backOffOnConflict: false, ct).ConfigureAwait(false))!;
    }

    /// <summary>
    /// Saga ids from the global log's lifecycle entries (started, ended, retried) of this saga's streams:
    /// the unfinished ones (started, and not ended since the last start or retry), or the ended ones.
    /// </summary>
    private async Task<List<string>> FindAsync(bool unfinished, CancellationToken ct)
    {
        var open = new Dictionary<string, bool>(StringComparer.Ordinal);
        await foreach (var recorded in _store.ReadAllAsync(GlobalPosition.Start, LifecycleFilter, ct).ConfigureAwait(false))
        {
            string sagaId = recorded.Stream[StreamPrefix.Length..];
            switch (recorded.EventName)
            {
                // A saga whose name extends this one ("checkout-express") shares the prefix: its start names it.
                case SagaLogEvents.Started when recorded.Event is SagaStarted { Saga: var saga } && saga == TSaga.SagaName:
                    open[sagaId] = true;
                    break;
                case SagaLogEvents.Ended when open.ContainsKey(sagaId):
                    open[sagaId] = false;
                    break;
                case SagaLogEvents.Retried when open.ContainsKey(sagaId):
                    open[sagaId] = true;
                    break;
            }
        }

        return [.. open.Where(p => p.Value == unfinished).Select(p => p.Key)];
    }
}

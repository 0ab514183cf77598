using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Eventfold;

/// <summary>
/// Runs sagas of <typeparamref name="TSaga"/> and keeps each one's progress in its log, the stream
/// <c>saga-{name}-{id}</c>: started, each step completed (with the data after it), a step failed (with the
/// error), each compensation completed or failed, ended. Every transition of the generated state machine is
/// one append that expects the log's version, so a saga is advanced by one coordinator at a time: one that
/// loses the race backs off. A crashed saga resumes from its log (<see cref="RecoverAsync"/>), at the step
/// after the last one logged, with the data that step left; so a step may run again after a crash, and its
/// <see cref="SagaStepContext.IdempotencyKey"/> lets its side effect be applied once.
/// </summary>
public sealed partial class SagaCoordinator<TSaga, TData>
    where TSaga : class, ISaga<TData>
    where TData : notnull
{
    private readonly IEventStore _store;
    private readonly Func<TSaga> _create;
    private readonly SagaCoordinatorOptions _options;
    private readonly JsonSerializerOptions _json;
    private readonly JsonTypeInfo<TData> _dataJson;
    private readonly TimeProvider _clock;
    private readonly ILogger _logger;

    /// <param name="store">Where the saga logs are kept.</param>
    /// <param name="create">Makes the saga with its dependencies; called once per saga run.</param>
    /// <param name="options">Retries, backoff, JSON, logging; null for the defaults.</param>
    public SagaCoordinator(IEventStore store, Func<TSaga> create, SagaCoordinatorOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(create);
        options ??= new SagaCoordinatorOptions();
        options.Validate();
        _store = store;
        _create = create;
        _options = options;
        _json = options.DataJson ?? ReflectionSerialization.StrictWeb(ReflectionSerialization.ResolverOrThrow(
            $"Saga '{TSaga.SagaName}' has no JSON metadata for its data '{typeof(TData).FullName}'",
            $"Add [JsonSerializable(typeof({typeof(TData).Name}))] to your JsonSerializerContext and pass its options: SagaCoordinatorOptions.DataJson = AppJsonContext.Default.Options."));
        _dataJson = (JsonTypeInfo<TData>)_json.GetTypeInfo(typeof(TData));
        _clock = options.TimeProvider ?? TimeProvider.System;
        _logger = options.Logger ?? NullLogger.Instance;
    }

    /// <summary>The name given to <c>[Saga]</c>.</summary>
    public static string Name => TSaga.SagaName;

    /// <summary>The stream that holds the log of the saga <paramref name="sagaId"/>.</summary>
    public static string StreamOf(string sagaId) => "saga-" + TSaga.SagaName + "-" + sagaId;

    private static string StreamPrefix => "saga-" + TSaga.SagaName + "-";

    private static ISagaTransitions Transitions => SagaTransitions<TSaga, TData>.Instance;

    /// <summary>
    /// Runs the saga <paramref name="sagaId"/> from <paramref name="data"/> to its end. A saga id whose log exists
    /// is never started again: an ended saga returns its outcome (the <paramref name="data"/> given is then
    /// ignored), an unfinished one resumes from its log. Cancelling <paramref name="ct"/> stops between or inside
    /// steps without logging a failure; the saga resumes later.
    /// </summary>
    public Task<SagaResult> RunAsync(string sagaId, TData data, CancellationToken ct = default) =>
        RunAsync(sagaId, data, EventMetadata.Empty, ct);

    /// <summary>
    /// Runs the saga as <see cref="RunAsync(string, TData, CancellationToken)"/> does, with the correlation and causation
    /// of what started it (<paramref name="metadata"/>; with no correlation, the ambient activity's trace id): every
    /// entry of its log carries them, and so does every aggregate its steps save without their own
    /// (<see cref="SagaStepContext.Metadata"/>). A saga that has a log keeps the metadata it started with.
    /// </summary>
    public async Task<SagaResult> RunAsync(string sagaId, TData data, EventMetadata metadata, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        ArgumentException.ThrowIfNullOrEmpty(sagaId);
        ArgumentNullException.ThrowIfNull(data);
        var progress = await ReadAsync(sagaId, ct).ConfigureAwait(false);
        if (progress is null)
        {
            progress = NewProgress(sagaId);
            progress.Metadata = AmbientMetadata.Resolve(metadata);
            var started = new SagaStarted(TSaga.SagaName, JsonSerializer.SerializeToElement(data, _dataJson));
            try
            {
                await AppendAsync(progress, TSaga.Steps.Count == 0 ? [started, new SagaEnded(SagaStatus.Completed)] : [started], ct).ConfigureAwait(false);
            }
            catch (WrongExpectedVersionException)
            {
                // Another caller started this id first: its log is the saga.
                SagaMetrics.CountConflict(Name);
                progress = await ReadAsync(sagaId, ct).ConfigureAwait(false) ?? throw new InvalidOperationException($"Saga log '{StreamOf(sagaId)}' was written and then vanished.");
            }
        }

        return (await AdvanceAsync(progress, backOffOnConflict: false, ct).ConfigureAwait(false))!;
    }

    /// <summary>The outcome of an ended saga, or null when <paramref name="sagaId"/> has not started or not ended.</summary>
    public async Task<SagaResult?> GetResultAsync(string sagaId, CancellationToken ct = default)
    {
        var progress = await ReadAsync(sagaId, ct).ConfigureAwait(false);
        return progress is { State.IsEnded: true } ? progress.ToResult() : null;
    }

    /// <summary>
    /// Advances the saga until it ends. On a lost append, either backs off (returns null: the winner goes on) or
    /// reads the log again and goes on from what the winner wrote.
    /// </summary>
    private async Task<SagaResult?> AdvanceAsync(SagaProgress progress, bool backOffOnConflict, CancellationToken ct)
    {
        var saga = _create();
        while (!progress.State.IsEnded)
        {
            ct.ThrowIfCancellationRequested();
            var (entries, error) = progress.State.Phase == SagaPhase.Running
                ? await RunStepAsync(saga, progress, ct).ConfigureAwait(false)
                : await CompensateAsync(saga, progress, ct).ConfigureAwait(false);
            try
            {
                await AppendAsync(progress, entries, ct).ConfigureAwait(false);
            }
            catch (WrongExpectedVersionException)
            {
                SagaMetrics.CountConflict(Name);
                LogConflict(_logger, Name, progress.SagaId, progress.Version);
                if (backOffOnConflict)
                {
                    return null;
                }

                progress = await ReadAsync(progress.SagaId, ct).ConfigureAwait(false) ?? throw new InvalidOperationException($"Saga log '{StreamOf(progress.SagaId)}' vanished.");
                continue;
            }

            // The live exception is more useful to the caller than the one rebuilt from the log.
            if (error is not null && entries[0] is SagaStepFailed)
            {
                progress.Error = error;
            }
            else if (error is not null)
            {
                progress.CompensationError = error;
            }

            if (progress.State.IsEnded)
            {
                Ended(progress);
            }
        }

        return progress.ToResult();
    }

    private async Task<(object[] Entries, Exception? Error)> RunStepAsync(TSaga saga, SagaProgress progress, CancellationToken ct)
    {
        int index = progress.State.Step;
        var step = TSaga.Steps[index];
        var data = Deserialize(progress, progress.CurrentData);
        var (next, error, attempts) = await AttemptAsync(
            progress, step.Name, isCompensation: false, step.Retries, step.TimeoutSeconds,
            c => saga.RunStepAsync(index, data, c), ct).ConfigureAwait(false);
        if (error is null)
        {
            var completed = new SagaStepCompleted(index, step.Name, JsonSerializer.SerializeToElement(next!, _dataJson));
            return (TSaga.AfterStep(index) == SagaState.Completed ? [completed, new SagaEnded(SagaStatus.Completed)] : [completed], null);
        }

        LogStepFailed(_logger, error, Name, progress.SagaId, step.Name, attempts);
        var failed = new SagaStepFailed(index, step.Name, attempts, error.GetType().FullName ?? error.GetType().Name, error.Message);
        return (TSaga.AfterStepFailed(index) == SagaState.Compensated ? [failed, new SagaEnded(SagaStatus.Compensated)] : [failed], error);
    }

    private async Task<(object[] Entries, Exception? Error)> CompensateAsync(TSaga saga, SagaProgress progress, CancellationToken ct)
    {
        int index = progress.State.Step;
        var step = TSaga.Steps[index];
        var data = Deserialize(progress, progress.DataAfter(index));
        var (_, error, attempts) = await AttemptAsync(
            progress, step.Compensation ?? step.Name, isCompensation: true, _options.CompensationRetries, step.TimeoutSeconds,
            async c => { await saga.CompensateAsync(index, data, c).ConfigureAwait(false); return data; }, ct).ConfigureAwait(false);
        if (error is null)
        {
            var completed = new SagaCompensationCompleted(index, step.Compensation!);
            return (TSaga.AfterCompensation(index) == SagaState.Compensated ? [completed, new SagaEnded(SagaStatus.Compensated)] : [completed], null);
        }

        var failed = new SagaCompensationFailed(index, step.Compensation!, attempts, error.GetType().FullName ?? error.GetType().Name, error.Message);
        return ([failed, new SagaEnded(SagaStatus.CompensationFailed)], error);
    }

    private void Ended(SagaProgress progress)
    {
        var status = progress.State.Status;
        SagaMetrics.CountEnded(Name, status);
        if (status == SagaStatus.CompensationFailed)
        {
            LogCompensationFailed(_logger, progress.CompensationError, Name, progress.SagaId, progress.FailedCompensation ?? "?", progress.FailedStep ?? "?", StreamOf(progress.SagaId));
        }
    }

    private TData Deserialize(SagaProgress progress, JsonElement json)
    {
        try
        {
            return json.Deserialize(_dataJson) ?? throw new JsonException("the data is JSON null");
        }
        catch (JsonException ex)
        {
            throw new InvalidOperationException(
                $"Saga log '{StreamOf(progress.SagaId)}' at version {progress.Version}: its data cannot be read as '{typeof(TData).FullName}': {ex.Message}", ex);
        }
    }

    private SagaProgress NewProgress(string sagaId) => new() { Saga = TSaga.SagaName, SagaId = sagaId };

    private async Task AppendAsync(SagaProgress progress, object[] entries, CancellationToken ct)
    {
        var events = new EventData[entries.Length];
        for (int i = 0; i < entries.Length; i++)
        {
            events[i] = EventData.From(entries[i], progress.Metadata);
        }

        await _store.AppendAsync(StreamOf(progress.SagaId), ExpectedVersion.Exactly(progress.Version), events, ct).ConfigureAwait(false);
        foreach (var entry in entries)
        {
            progress.Apply(entry, Transitions);
        }
    }

    /// <summary>The saga's log folded, or null when it has none.</summary>
    private async Task<SagaProgress?> ReadAsync(string sagaId, CancellationToken ct)
    {
        var progress = NewProgress(sagaId);
        await foreach (var recorded in _store.ReadStreamAsync(StreamOf(sagaId), ct).ConfigureAwait(false))
        {
            if (progress.Version < 0)
            {
                progress.Metadata = recorded.Metadata;
            }

            progress.Apply(recorded.Event, Transitions);
            if (!progress.IsStarted)
            {
                throw new InvalidOperationException(
                    $"Stream '{StreamName.Quote(recorded.Stream)}' version {recorded.Version} holds '{recorded.EventName}', not the start of a '{Name}' saga: it is not this saga's log.");
            }
        }

        return progress.Version < 0 ? null : progress;
    }

    [LoggerMessage(EventId = 4001, Level = LogLevel.Error, Message = "Saga '{Saga}' id '{SagaId}': step '{Step}' failed after {Attempts} attempts; compensating")]
    private static partial void LogStepFailed(ILogger logger, Exception error, string saga, string sagaId, string step, int attempts);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Error, Message = "Saga '{Saga}' id '{SagaId}': compensation '{Compensation}' failed after its retries (the saga failed at '{FailedStep}'); it ended CompensationFailed and waits for an operator: see its log '{Stream}'")]
    private static partial void LogCompensationFailed(ILogger logger, Exception? error, string saga, string sagaId, string compensation, string failedStep, string stream);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Information, Message = "Saga '{Saga}' id '{SagaId}': another coordinator advanced the log past version {Version}; backing off")]
    private static partial void LogConflict(ILogger logger, string saga, string sagaId, long version);
}

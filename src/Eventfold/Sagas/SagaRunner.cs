using System.Globalization;

namespace Eventfold;

/// <summary>
/// Runs the sagas of <typeparamref name="TSaga"/> from the log. At start it resumes every unfinished saga
/// (<see cref="SagaCoordinator{TSaga, TData}.RecoverAsync"/>); then, for a saga whose <c>[Saga]</c> names a
/// <c>StartedBy</c> event, it follows that event through the <see cref="SubscriptionPipeline"/> (filtered by
/// name in the store) and starts one saga per occurrence, with the data of the saga's static <c>Start</c>.
/// The saga id is derived from the triggering event (<see cref="SagaIdFor"/>), so an event delivered again
/// (a restart between a saga's start and the runner's checkpoint) finds its saga's log and never starts a
/// second one; the checkpoint passes a trigger only once its saga has ended.
/// </summary>
public sealed class SagaRunner<TSaga, TData>
    where TSaga : class, ISaga<TData>
    where TData : notnull
{
    private readonly SagaCoordinator<TSaga, TData> _coordinator;
    private readonly SubscriptionPipeline? _pipeline;

    /// <param name="store">Where the triggering events are read.</param>
    /// <param name="coordinator">Runs each saga; its store keeps the saga logs.</param>
    /// <param name="options">Parallelism, checkpoints, the event registry; null for the defaults.</param>
    /// <exception cref="InvalidOperationException">The <c>StartedBy</c> type is not a registered event.</exception>
    public SagaRunner(IEventStore store, SagaCoordinator<TSaga, TData> coordinator, SagaRunnerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(coordinator);
        options ??= new SagaRunnerOptions();
        _coordinator = coordinator;
        if (TSaga.StartedBy is not { } trigger)
        {
            return;
        }

        var registry = options.Registry ?? EventRegistry.Default;
        if (!registry.TryGetByType(trigger, out var eventType))
        {
            throw new InvalidOperationException(
                $"Saga '{TSaga.SagaName}' is started by '{trigger.FullName}', which is not a registered event: mark it [Event(\"name\")] (or register it in the registry the runner is given).");
        }

        TriggerName = eventType.Name;
        _pipeline = new SubscriptionPipeline(
            store,
            CheckpointName,
            StartOneAsync,
            onPoison: null, // a trigger that cannot be read stops the runner with an error naming it: its saga is never skipped
            new SubscriptionPipelineOptions
            {
                Capacity = options.Capacity,
                Workers = options.ParallelSagas,
                CheckpointEveryEvents = options.CheckpointEveryEvents,
                CheckpointInterval = options.CheckpointInterval,
                DrainTimeout = options.DrainTimeout,
                Subscription = SubscriptionOptions.For(EventFilter.ForEventNames(eventType.Name)),
                Logger = options.Logger,
                TimeProvider = options.TimeProvider,
            },
            options.Checkpoints);
    }

    /// <summary>The name the runner's checkpoint is kept under.</summary>
    public static string CheckpointName => "saga-runner:" + TSaga.SagaName;

    /// <summary>The event name of the <c>StartedBy</c> type, or null for a saga not started by an event.</summary>
    public string? TriggerName { get; }

    /// <summary>The checkpoint last stored (or started from); null before the first run or without a trigger.</summary>
    public GlobalPosition? Checkpoint => _pipeline?.Committed;

    /// <summary>The coordinator that runs the sagas (for results, histories and an operator's retries).</summary>
    public SagaCoordinator<TSaga, TData> Coordinator => _coordinator;

    /// <summary>
    /// The id of the saga <paramref name="trigger"/> starts: <c>{stream}@{version}</c>, which names one event for
    /// good; the event's id when that would make the saga's stream name too long.
    /// </summary>
    public static string SagaIdFor(RecordedEvent trigger)
    {
        ArgumentNullException.ThrowIfNull(trigger);
        string id = trigger.Stream + "@" + trigger.Version.ToString(CultureInfo.InvariantCulture);
        return SagaCoordinator<TSaga, TData>.StreamOf(id).Length <= StreamName.MaxLength ? id : trigger.EventId.ToString("N");
    }

    /// <summary>Resumes unfinished sagas, then starts a saga for every trigger up to the log's current end, stores the checkpoint and returns.</summary>
    public async Task CatchUpAsync(CancellationToken ct = default)
    {
        await _coordinator.RecoverAsync(ct).ConfigureAwait(false);
        if (_pipeline is not null)
        {
            await _pipeline.CatchUpAsync(ct).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Resumes unfinished sagas, then follows the triggers live until <paramref name="ct"/> is cancelled (running
    /// sagas are drained within the drain timeout, the checkpoint stored). Without a trigger, returns after recovery.
    /// </summary>
    public async Task RunAsync(CancellationToken ct)
    {
        // Recovery first and alone: a saga the pipeline re-delivers is then ended already, or resumed by one caller.
        await _coordinator.RecoverAsync(ct).ConfigureAwait(false);
        if (_pipeline is not null)
        {
            await _pipeline.RunAsync(ct).ConfigureAwait(false);
        }
    }

    private async ValueTask StartOneAsync(RecordedEvent e, CancellationToken ct)
    {
        var data = TSaga.Start(e.Event);
        // An id that has a log is not started again: RunAsync returns its outcome or resumes it.
        await _coordinator.RunAsync(SagaIdFor(e), data, AmbientMetadata.CausedBy(e), ct).ConfigureAwait(false);
    }
}

namespace Eventfold;

/// <summary>
/// The one path from a store subscription to handlers that every consumer shares. It reads the global log
/// only while there is room ahead of the handlers (a slow handler slows its subscription; what is read
/// ahead stays within Capacity + Workers events whatever the log's size), runs events of different streams
/// in parallel and each stream in order, hands unreadable events to a poison handler, and stores a
/// checkpoint only for the contiguous prefix of handled positions, so a restart re-delivers from the last
/// checkpoint (at least once) and never skips an event.
/// </summary>
public sealed class SubscriptionPipeline
{
    private readonly IEventStore _store;
    private readonly ICheckpointStore _checkpoints;
    private readonly string _consumer;
    private readonly PipelineEventHandler _onEvent;
    private readonly PipelinePoisonHandler? _onPoison;
    private readonly SubscriptionPipelineOptions _options;

    /// <param name="store">Where the events are read; its checkpoints are used unless <paramref name="checkpoints"/> is given.</param>
    /// <param name="consumer">The checkpoint's name.</param>
    /// <param name="onEvent">Handles each event.</param>
    /// <param name="onPoison">Handles each event that cannot be read; when null, such an event stops the pipeline with its <see cref="EventDeserializationException"/>.</param>
    /// <param name="options">Capacity, workers, partitioning and checkpoint intervals; null for the defaults.</param>
    /// <param name="checkpoints">Where the checkpoint is kept; null for <paramref name="store"/>.</param>
    public SubscriptionPipeline(
        IEventStore store, string consumer, PipelineEventHandler onEvent, PipelinePoisonHandler? onPoison = null,
        SubscriptionPipelineOptions? options = null, ICheckpointStore? checkpoints = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentException.ThrowIfNullOrEmpty(consumer);
        ArgumentNullException.ThrowIfNull(onEvent);
        options ??= new SubscriptionPipelineOptions();
        options.Validate();
        _store = store;
        _checkpoints = checkpoints ?? store;
        _consumer = consumer;
        _onEvent = onEvent;
        _onPoison = onPoison;
        _options = options;
    }

    /// <summary>The position last stored as the checkpoint by this pipeline, or the one it started from.</summary>
    public GlobalPosition? Committed { get; private set; }

    /// <summary>Handles the log from the checkpoint to its current end, stores the checkpoint, and returns.</summary>
    public Task CatchUpAsync(CancellationToken ct = default) => RunCoreAsync(stopAtLiveEnd: true, ct);

    /// <summary>Handles the log from the checkpoint, then follows it live until <paramref name="ct"/> is cancelled (then drains, stores the checkpoint and throws <see cref="OperationCanceledException"/>).</summary>
    public Task RunAsync(CancellationToken ct) => RunCoreAsync(stopAtLiveEnd: false, ct);

    private async Task RunCoreAsync(bool stopAtLiveEnd, CancellationToken ct)
    {
        var start = await _checkpoints.GetCheckpointAsync(_consumer, ct).ConfigureAwait(false);
        Committed = start;
        var run = new PipelineRun(_store, _checkpoints, _consumer, _onEvent, _onPoison, _options, start);
        try
        {
            await run.RunAsync(stopAtLiveEnd, ct).ConfigureAwait(false);
        }
        finally
        {
            Committed = run.Committed;
        }
    }
}

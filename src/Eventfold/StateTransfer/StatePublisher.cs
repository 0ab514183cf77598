using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Eventfold;

/// <summary>
/// Publishes, from the log, every state a save did not: it follows the streams of the aggregate
/// <typeparamref name="T"/> through the <see cref="SubscriptionPipeline"/> with its own checkpoint
/// (<c>state-publisher:{category}</c>), and for an event newer than the last state in the aggregate's state
/// stream, loads the aggregate and publishes its current state. The id of a state is derived from the
/// aggregate's stream and version, so a state the save already published is not written twice. A crash
/// between a save and its publish therefore loses nothing: the next run of this publisher publishes it.
/// </summary>
public sealed partial class StatePublisher<T> : IStatePublisherRun
    where T : class, IEventSourced<T>, IPublishesState
{
    private readonly IEventStore _store;
    private readonly AggregateRepository<T> _repository;
    private readonly SubscriptionPipeline _pipeline;
    private readonly string _streamPrefix = T.Category + "-";
    private readonly ILogger _logger;

    public StatePublisher(IEventStore store, StatePublisherOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        options ??= new StatePublisherOptions();
        _store = store;
        _logger = options.Logger ?? NullLogger.Instance;
        _repository = new AggregateRepository<T>(store);
        _pipeline = new SubscriptionPipeline(
            store,
            CheckpointName,
            OnEventAsync,
            onPoison: null, // an unreadable aggregate event stops the publisher with its error: the aggregate cannot be loaded either
            new SubscriptionPipelineOptions
            {
                Capacity = options.Capacity,
                Workers = options.ParallelStreams,
                CheckpointEveryEvents = options.CheckpointEveryEvents,
                CheckpointInterval = options.CheckpointInterval,
                Subscription = SubscriptionOptions.For(EventFilter.ForStreamPrefixes(_streamPrefix)),
                Logger = options.Logger,
                TimeProvider = options.TimeProvider,
            },
            options.Checkpoints);
    }

    /// <summary>The name the publisher's checkpoint is kept under.</summary>
    public static string CheckpointName => "state-publisher:" + T.Category;

    /// <summary>The checkpoint this publisher last stored (or started from); null before the first run.</summary>
    public GlobalPosition? Checkpoint => _pipeline.Committed;

    /// <summary>Publishes what the log holds up to its current end, stores the checkpoint and returns.</summary>
    public Task CatchUpAsync(CancellationToken ct = default) => _pipeline.CatchUpAsync(ct);

    /// <summary>Catches up, then follows the log live until <paramref name="ct"/> is cancelled.</summary>
    public Task RunAsync(CancellationToken ct) => _pipeline.RunAsync(ct);

    private async ValueTask OnEventAsync(RecordedEvent e, CancellationToken ct)
    {
        string id = e.Stream[_streamPrefix.Length..];
        if (id.Length == 0)
        {
            return;
        }

        if (await LastPublishedVersionAsync(StateStreams.StreamFor(T.Category, id), ct).ConfigureAwait(false) >= e.Version)
        {
            return;
        }

        var aggregate = await _repository.LoadAsync(id, ct).ConfigureAwait(false);
        if (aggregate is not null && aggregate.Version >= e.Version)
        {
            var state = aggregate.CaptureState();
            await StatePublication.AppendAsync(_store, T.Category, e.Stream, state, ct, byPublisher: true).ConfigureAwait(false);
            LogGapFilled(_logger, T.Category, e.Stream, state.Version, e.Position.ToString());
        }
    }

    [LoggerMessage(EventId = 5001, Level = LogLevel.Information, Message = "State publisher '{Category}': published the state of stream '{Stream}' at version {Version} that no save had (event at position {Position})")]
    private static partial void LogGapFilled(ILogger logger, string category, string stream, long version, string position);

    /// <summary>The version of the newest state in the stream's last event; -1 when there is none or it cannot be read (it is then published again).</summary>
    private async Task<long> LastPublishedVersionAsync(string stateStream, CancellationToken ct)
    {
        await foreach (var last in _store.ReadStreamAsync(stateStream, new StreamReadOptions(ReadDirection.Backwards, MaxCount: 1), ct).ConfigureAwait(false))
        {
            return last.TryDeserialize() is null && last.Event is IPublishedState state ? state.Version : -1;
        }

        return -1;
    }
}

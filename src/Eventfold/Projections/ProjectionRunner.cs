using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Eventfold;

/// <summary>
/// Feeds a generated projection from the global log through the <see cref="SubscriptionPipeline"/>: only the
/// events it handles are read (the handled names are the store's filter), the checkpoint (named
/// <c>projection:{name}</c>) is kept in the store and only ever covers handled or parked events, and a
/// restart re-delivers from it (at least once). A failing handler is retried with backoff; then the event
/// is parked or the runner stops, as <see cref="ProjectionRunnerOptions.OnFailure"/> says: never a silent skip.
/// </summary>
public sealed partial class ProjectionRunner<T>
    where T : class, IProjection
{
    private readonly IEventStore _store;
    private readonly ProjectionRunnerOptions _options;
    private readonly TimeProvider _clock;
    private readonly ILogger _logger;
    private readonly SubscriptionPipeline _pipeline;
    private readonly EventFilter _filter;
    private bool _running;
    private volatile Exception? _stoppedBy;

    public ProjectionRunner(IEventStore store, T projection, ProjectionRunnerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(projection);
        _store = store;
        Projection = projection;
        _options = options ??= new ProjectionRunnerOptions();
        ArgumentOutOfRangeException.ThrowIfNegative(options.Retries);
        _clock = options.TimeProvider ?? TimeProvider.System;
        _logger = options.Logger ?? NullLogger.Instance;
        ParkedEvents = options.ParkedEvents
            ?? store as IParkedEventStore
            ?? (store is InMemoryEventStore
                ? new InMemoryParkedEventStore()
                : throw new ArgumentException($"Projection '{T.ProjectionName}': the store {store.GetType().Name} keeps no parked events; set ProjectionRunnerOptions.ParkedEvents.", nameof(options)));
        ParallelStreams = options.ParallelStreams ?? T.ParallelStreams;
        if (ParallelStreams < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), ParallelStreams, $"Projection '{T.ProjectionName}': ParallelStreams must be at least 1.");
        }

        _filter = EventFilter.ForEventNames([.. T.HandledEventNames]);
        _pipeline = new SubscriptionPipeline(
            store,
            CheckpointName,
            OnEventAsync,
            OnPoisonAsync,
            new SubscriptionPipelineOptions
            {
                Capacity = options.Capacity,
                Workers = ParallelStreams,
                CheckpointEveryEvents = options.CheckpointEveryEvents,
                CheckpointInterval = options.CheckpointInterval,
                DrainTimeout = options.DrainTimeout,
                Subscription = SubscriptionOptions.For(_filter),
                Logger = options.Logger,
                TimeProvider = options.TimeProvider,
            },
            PipelineCheckpoints(store, options));
    }

    public T Projection { get; }

    /// <summary>The projection's name, from <c>[Projection]</c>.</summary>
    public static string Name => T.ProjectionName;

    /// <summary>The stored event names the store is asked for; no other event is read.</summary>
    public static IReadOnlyList<string> HandledEventNames => T.HandledEventNames;

    /// <summary>The name the checkpoint is kept under in the store (or in <see cref="ProjectionRunnerOptions.Checkpoints"/>).</summary>
    public static string CheckpointName => "projection:" + T.ProjectionName;

    /// <summary>Streams handled at once: <see cref="ProjectionRunnerOptions.ParallelStreams"/>, else what the projection declares.</summary>
    public int ParallelStreams { get; }

    /// <summary>Where this runner parks events.</summary>
    public IParkedEventStore ParkedEvents { get; }

    /// <summary>The checkpoint this runner last stored (or started from); null before the first run.</summary>
    public GlobalPosition? Checkpoint => _pipeline.Committed;

    /// <summary>Handles the log from the checkpoint to its current end, stores the checkpoint and returns.</summary>
    public Task CatchUpAsync(CancellationToken ct = default) => MeasuredAsync(token => _leased is null ? _pipeline.CatchUpAsync(token) : HoldLeaseAsync(_pipeline.CatchUpAsync, token), ct);

    /// <summary>
    /// Catches up, then follows the log live until <paramref name="ct"/> is cancelled; then drains what it
    /// read, stores the checkpoint and throws <see cref="OperationCanceledException"/>.
    /// </summary>
    public async Task RunAsync(CancellationToken ct)
    {
        _stoppedBy = null;
        Volatile.Write(ref _running, true);
        try
        {
            await MeasuredAsync(token => _leased is null ? _pipeline.RunAsync(token) : HoldLeaseAsync(_pipeline.RunAsync, token), ct).ConfigureAwait(false);
        }
        catch (Exception ex) when (!IsCancellation(ex, ct))
        {
            _stoppedBy = ex;
            throw;
        }
        finally
        {
            Volatile.Write(ref _running, false);
        }
    }

    /// <summary>Whether <see cref="RunAsync"/> is following the log (for the health check).</summary>
    internal bool IsRunning => Volatile.Read(ref _running);

    /// <summary>What ended the last <see cref="RunAsync"/>, other than its cancellation; null when it did not fail.</summary>
    internal Exception? StoppedBy => _stoppedBy;

    /// <summary>
    /// Handled events past the stored checkpoint, counted up to <paramref name="limit"/> + 1 (so the cost stays
    /// bounded however far behind the projection is).
    /// </summary>
    internal async Task<long> CountEventsBehindAsync(long limit, CancellationToken ct)
    {
        var checkpoint = await (_options.Checkpoints ?? _store).GetCheckpointAsync(CheckpointName, ct).ConfigureAwait(false);
        long behind = 0;
        await foreach (var e in _store.ReadAllAsync(checkpoint ?? GlobalPosition.Start, _filter, ct).ConfigureAwait(false))
        {
            if ((checkpoint is null || e.Position > checkpoint.Value) && ++behind > limit)
            {
                break;
            }
        }

        return behind;
    }

    /// <summary>Forgets the checkpoint, resets the projection when it is <see cref="IResettable"/>, and catches up from the start.</summary>
    public Task RebuildAsync(CancellationToken ct = default) => MeasuredAsync(token => _leased is null ? RebuildCoreAsync(token) : HoldLeaseAsync(RebuildCoreAsync, token), ct);

    private async Task RebuildCoreAsync(CancellationToken ct)
    {
        await (_options.Checkpoints ?? _store).DeleteCheckpointAsync(CheckpointName, ct).ConfigureAwait(false);
        Volatile.Write(ref _lastHandled, null);
        if (Projection is IResettable resettable)
        {
            await resettable.ResetAsync(ct).ConfigureAwait(false);
        }

        await _pipeline.CatchUpAsync(ct).ConfigureAwait(false);
    }

    // The hot path: a synchronous handler completes at once and nothing is allocated (nor traced, unless listened to).
    private ValueTask OnEventAsync(RecordedEvent e, CancellationToken ct) =>
        EventfoldActivities.Source.HasListeners() ? TracedAsync(e, ct) : HandleAsync(e, ct);

    private ValueTask HandleAsync(RecordedEvent e, CancellationToken ct)
    {
        ThrowIfLeaseLost();
        ValueTask pending;
        try
        {
            pending = Projection.DispatchAsync(e, ct);
        }
        catch (Exception ex) when (!IsCancellation(ex, ct))
        {
            return RetryAsync(e, ex, ct);
        }

        if (pending.IsCompletedSuccessfully)
        {
            OnHandled(e);
            return default;
        }

        return AwaitAsync(pending, e, ct);
    }

    private async ValueTask AwaitAsync(ValueTask pending, RecordedEvent e, CancellationToken ct)
    {
        try
        {
            await pending.ConfigureAwait(false);
            OnHandled(e);
        }
        catch (Exception ex) when (!IsCancellation(ex, ct))
        {
            await RetryAsync(e, ex, ct).ConfigureAwait(false);
        }
    }

    private async ValueTask RetryAsync(RecordedEvent e, Exception first, CancellationToken ct)
    {
        ProjectionMetrics.CountError(Name);
        var error = first;
        int attempts = 1;
        // An event that cannot be read will not become readable by waiting.
        while (error is not EventDeserializationException && attempts <= _options.Retries)
        {
            await Task.Delay(_options.RetryDelay * (1 << Math.Min(attempts - 1, 16)), _clock, ct).ConfigureAwait(false);
            attempts++;
            try
            {
                await Projection.DispatchAsync(e, ct).ConfigureAwait(false);
                OnHandled(e);
                return;
            }
            catch (Exception ex) when (!IsCancellation(ex, ct))
            {
                ProjectionMetrics.CountError(Name);
                error = ex;
            }
        }

        await FailAsync(e.Stream, e.Version, e.Position, e.EventId, e.EventName, attempts, error, ct).ConfigureAwait(false);
    }

    private ValueTask OnPoisonAsync(PoisonEvent poison, CancellationToken ct) =>
        new(FailAsync(poison.Stream, poison.Version, poison.Position, poison.EventId, poison.EventName, 1, poison.Error, ct));

    private async Task FailAsync(string stream, long version, GlobalPosition position, Guid eventId, string eventName, int attempts, Exception error, CancellationToken ct)
    {
        if (_options.OnFailure == ProjectionFailureMode.Stop)
        {
            throw new ProjectionHandlerFailedException(Name, stream, version, position, eventName, attempts, error);
        }

        var parked = new ParkedEvent(Name, stream, version, position, eventId, eventName, $"{error.GetType().Name}: {error.Message}", attempts, _clock.GetUtcNow());
        // Parked before the pipeline may checkpoint past it: a crash here re-delivers the event, never loses it.
        await ParkedEvents.ParkAsync(parked, CancellationToken.None).ConfigureAwait(false);
        ProjectionMetrics.CountParked(Name);
        LogParked(_logger, Name, eventName, stream, version, position.ToString(), parked.Error);
    }

    // A lost lease is not the event's fault: like a cancellation, it is neither retried nor parked.
    private static bool IsCancellation(Exception ex, CancellationToken ct) =>
        (ex is OperationCanceledException && ct.IsCancellationRequested) || ex is ProjectionLeaseLostException;

    [LoggerMessage(EventId = 3001, Level = LogLevel.Error, Message = "Projection '{Projection}' parked '{EventName}' of stream '{Stream}' version {Version} at position {Position}: {Error}")]
    private static partial void LogParked(ILogger logger, string projection, string eventName, string stream, long version, string position, string error);
}

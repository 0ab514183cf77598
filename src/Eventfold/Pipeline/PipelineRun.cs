using Microsoft.Extensions.Logging.Abstractions;

namespace Eventfold;

/// <summary>
/// One run of a <see cref="SubscriptionPipeline"/>: a pump that reads the subscription while the
/// <see cref="PositionTracker"/> has room and queues each event on a keyed <see cref="DispatcherEngine{TTarget}"/>
/// (the tracker's slot travels as the envelope's handler index, so nothing is allocated per event), and a
/// committer that stores the tracker's committable position every N events or T time. With one worker there is
/// nothing to run in parallel, so the pump handles each event itself, in log order, with no hand-off to another
/// thread per event; its handlers are cancelled, as the engine's would be, only once a stop's drain time is up.
/// </summary>
internal sealed class PipelineRun : IDispatchTarget<PipelineRun>
{
    private readonly IEventStore _store;
    private readonly ICheckpointStore _checkpoints;
    private readonly string _consumer;
    private readonly PipelineEventHandler _onEvent;
    private readonly PipelinePoisonHandler? _onPoison;
    private readonly SubscriptionPipelineOptions _options;
    private readonly GlobalPosition? _start;
    private readonly PositionTracker _tracker;
    private readonly DispatcherEngine<PipelineRun>? _engine;
    private readonly TimeProvider _clock;
    private readonly CancellationTokenSource _failed = new();
    private TaskCompletionSource _commitWanted = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Exception? _failure;
    private GlobalPosition _failedAt;

    public PipelineRun(
        IEventStore store, ICheckpointStore checkpoints, string consumer, PipelineEventHandler onEvent, PipelinePoisonHandler? onPoison,
        SubscriptionPipelineOptions options, GlobalPosition? start)
    {
        _store = store;
        _checkpoints = checkpoints;
        _consumer = consumer;
        _onEvent = onEvent;
        _onPoison = onPoison;
        _options = options;
        _start = start;
        Committed = start;
        _clock = options.TimeProvider ?? TimeProvider.System;
        _tracker = new PositionTracker(options.Capacity + options.Workers, start);
        var partition = options.PartitionOfStream;
        _engine = options.Workers == 1 ? null : new DispatcherEngine<PipelineRun>(this, new DispatcherOptions
        {
            Name = $"pipeline:{consumer}",
            Capacity = options.Capacity,
            Workers = options.Workers,
            Overflow = OverflowPolicy.Wait,
            Ordering = DispatcherOrdering.ByKey<string>((in DispatchEnvelope e) => partition is null ? StreamOf(e.Message) : partition(StreamOf(e.Message)), StringComparer.Ordinal),
            DrainTimeout = options.DrainTimeout,
            Logger = options.Logger ?? NullLogger.Instance,
            TimeProvider = _clock,
        });
    }

    public GlobalPosition? Committed { get; private set; }

    private GlobalPosition FailedAt
    {
        get
        {
            lock (_failed)
            {
                return _failedAt;
            }
        }
    }

    public static ValueTask DispatchAsync(PipelineRun self, in DispatchEnvelope envelope, CancellationToken ct) =>
        self.HandleAsync(envelope.Message, envelope.Handler, ct);

    public async Task RunAsync(bool stopAtLiveEnd, CancellationToken ct)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct, _failed.Token);
        using var committerStop = new CancellationTokenSource();
        // The handlers' token when the pump runs them: cancelled DrainTimeout after a stop, not at once.
        using var hardStop = new CancellationTokenSource();
        using var onStop = stop.Token.Register(() => hardStop.CancelAfter(_options.DrainTimeout));
        _engine?.Start();
        var committer = CommitLoopAsync(committerStop.Token);
        try
        {
            await PumpAsync(stopAtLiveEnd, hardStop.Token, stop.Token).ConfigureAwait(false);

            // Reaching the end is not stopping: wait for every event taken, however slow, so the drain timeout
            // below only applies to a run that was cancelled or failed.
            await _tracker.WhenAllFinishedAsync(stop.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Cancelled or failed: drain what was queued, commit, then say which.
        }
        finally
        {
            // Handled events are committed even when stopping; unhandled ones are re-read next run.
            if (_engine is not null)
            {
                await _engine.StopAsync(CancellationToken.None).ConfigureAwait(false);
            }

            await committerStop.CancelAsync().ConfigureAwait(false);
            await committer.ConfigureAwait(false);
            await CommitAsync(CancellationToken.None).ConfigureAwait(false);
        }

        if (Volatile.Read(ref _failure) is { } failure)
        {
            throw failure;
        }

        ct.ThrowIfCancellationRequested();
    }

    private async Task PumpAsync(bool stopAtLiveEnd, CancellationToken handlerToken, CancellationToken ct)
    {
        var subscription = _store.SubscribeToAllAsync(_start, _options.Subscription, ct).GetAsyncEnumerator(ct);
        await using (subscription.ConfigureAwait(false))
        {
            while (true)
            {
                // Room first, then read: the subscription is never read ahead of the tracker's bound. Handled in the pump,
                // each event is finished (or the run fails) before the next is read, so there is always room.
                if (_engine is not null)
                {
                    await _tracker.WaitForRoomAsync(ct).ConfigureAwait(false);
                }

                if (!await subscription.MoveNextAsync().ConfigureAwait(false))
                {
                    return;
                }

                switch (subscription.Current)
                {
                    case RecordedEvent e:
                        await HandOverAsync(e, _tracker.Begin(e.Position), handlerToken, ct).ConfigureAwait(false);
                        break;
                    case PoisonEvent p when _onPoison is null:
                        Fail(StoredEvents.AsException(p), p.Position);
                        return;
                    case PoisonEvent p:
                        await HandOverAsync(p, _tracker.Begin(p.Position), handlerToken, ct).ConfigureAwait(false);
                        break;
                    case SubscriptionCheckpoint c:
                        _tracker.Pass(c.Position);
                        break;
                    case UnknownEvent u:
                        _tracker.Pass(u.Position);
                        break;
                    case CaughtUp when stopAtLiveEnd:
                        return;
                }
            }
        }
    }

    /// <summary>Queues the event for the workers, or, with one worker, handles it here (then stops on a failure).</summary>
    private ValueTask HandOverAsync(object message, int slot, CancellationToken handlerToken, CancellationToken ct)
    {
        if (_engine is not null)
        {
            return _engine.EnqueueAsync(new DispatchEnvelope(message, slot), ct);
        }

        var handled = HandleAsync(message, slot, handlerToken);
        return handled.IsCompletedSuccessfully ? ThrowIfStopped(ct) : AwaitHandledAsync(handled, ct);
    }

    private static async ValueTask AwaitHandledAsync(ValueTask handled, CancellationToken ct)
    {
        await handled.ConfigureAwait(false);
        await ThrowIfStopped(ct).ConfigureAwait(false);
    }

    private static ValueTask ThrowIfStopped(CancellationToken ct) =>
        ct.IsCancellationRequested ? ValueTask.FromCanceled(ct) : default;

    // The hot path: a handler that completes at once is finished here, with no async state machine per event.
    private ValueTask HandleAsync(object message, int slot, CancellationToken ct)
    {
        if (_failed.IsCancellationRequested && PositionOf(message) > FailedAt)
        {
            // Events after a failure are not handled (the next run reads them again); those before it are.
            return default;
        }

        ValueTask pending;
        try
        {
            pending = message is RecordedEvent e ? _onEvent(e, ct) : _onPoison!((PoisonEvent)message, ct);
        }
        catch (OperationCanceledException cancelled) when (ct.IsCancellationRequested)
        {
            return ValueTask.FromException(cancelled);
        }
        catch (Exception ex)
        {
            HandlerFailed(message, ex);
            return default;
        }

        if (!pending.IsCompletedSuccessfully)
        {
            return AwaitHandlerAsync(pending, message, slot, ct);
        }

        pending.GetAwaiter().GetResult();
        Finished(slot);
        return default;
    }

    private async ValueTask AwaitHandlerAsync(ValueTask pending, object message, int slot, CancellationToken ct)
    {
        try
        {
            await pending.ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Cancelled by a stop whose drain timed out, not failed: the dispatcher reports it unfinished (or, handled
            // inline, the run ends cancelled), and the slot stays in flight, so the checkpoint stays before it and the
            // next run handles it again.
            throw;
        }
        catch (Exception ex)
        {
            HandlerFailed(message, ex);
            return;
        }

        Finished(slot);
    }

    // The slot stays in flight: the checkpoint never passes this event.
    private void HandlerFailed(object message, Exception ex)
    {
        var (stream, version, position) = message switch
        {
            RecordedEvent r => (r.Stream, r.Version, r.Position),
            PoisonEvent p => (p.Stream, p.Version, p.Position),
            _ => ("?", -1L, default(GlobalPosition)),
        };
        Fail(new PipelineHandlerFailedException(_consumer, stream, version, position, ex), position);
    }

    private void Finished(int slot)
    {
        if (_tracker.Complete(slot) >= _options.CheckpointEveryEvents)
        {
            _commitWanted.TrySetResult();
        }
    }

    private void Fail(Exception failure, GlobalPosition at)
    {
        lock (_failed)
        {
            if (_failure is not null)
            {
                return;
            }

            _failedAt = at;
            Volatile.Write(ref _failure, failure);
        }

        _failed.Cancel();
    }

    private async Task CommitLoopAsync(CancellationToken ct)
    {
        try
        {
            while (true)
            {
                var wanted = _commitWanted.Task;
                await Task.WhenAny(wanted, Task.Delay(_options.CheckpointInterval, _clock, ct)).ConfigureAwait(false);
                ct.ThrowIfCancellationRequested();
                if (wanted.IsCompleted)
                {
                    _commitWanted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                }

                await CommitAsync(ct).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
    }

    private async Task CommitAsync(CancellationToken ct)
    {
        _tracker.TakeFinishedCount();
        if (_tracker.Committable is { } position && position != Committed)
        {
            await _checkpoints.SetCheckpointAsync(_consumer, position, ct).ConfigureAwait(false);
            Committed = position;
        }
    }

    private static GlobalPosition PositionOf(object message) => message switch
    {
        RecordedEvent e => e.Position,
        PoisonEvent p => p.Position,
        _ => default,
    };

    private static string StreamOf(object message) => message switch
    {
        RecordedEvent e => e.Stream,
        PoisonEvent p => p.Stream,
        _ => "",
    };
}

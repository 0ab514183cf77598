using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace Eventfold;

public sealed partial class DispatcherEngine<TTarget>
{
    /// <summary>Starts the workers (the first enqueue does too). Idempotent.</summary>
    /// <exception cref="ObjectDisposedException">The dispatcher is stopping or stopped.</exception>
    public void Start()
    {
        lock (_lifecycle)
        {
            if (_state == Stopping)
            {
                throw StoppedError();
            }

            if (_state == Running)
            {
                return;
            }

            for (int i = 0; i < _options.Workers; i++)
            {
                AddWorkerLocked();
            }

            if (_options.EffectiveMaxWorkers > _options.Workers)
            {
                _elastic = new ElasticWorkers(this, _options.Elastic, _options.Capacity, _clock);
            }

            Volatile.Write(ref _state, Running);
        }
    }

    /// <summary>Workers running now, and how many of them hold a message.</summary>
    (int Workers, int Busy) IElasticTarget.WorkerLoad() => WorkerLoad();

    internal (int Workers, int Busy) WorkerLoad()
    {
        lock (_lifecycle)
        {
            int busy = 0;
            foreach (var worker in _workers)
            {
                busy += worker.Busy;
            }

            return (_workers.Count, busy);
        }
    }

    /// <summary>Adds a worker unless at the maximum or stopping.</summary>
    bool IElasticTarget.TryAddWorker() => TryAddWorker();

    internal bool TryAddWorker()
    {
        lock (_lifecycle)
        {
            if (_state != Running || _workers.Count >= _options.EffectiveMaxWorkers)
            {
                return false;
            }

            AddWorkerLocked();
            DispatcherLog.Resized(_report.Logger, Name, _workers.Count, Depth);
            return true;
        }
    }

    /// <summary>Retires an idle worker (it leaves after the message it holds, if any) unless at the minimum.</summary>
    bool IElasticTarget.TryRetireWorker() => TryRetireWorker();

    internal bool TryRetireWorker()
    {
        lock (_lifecycle)
        {
            if (_state != Running || _workers.Count <= _options.Workers)
            {
                return false;
            }

            var worker = _workers.FindLast(w => w.Busy == 0 && !w.Retire.IsCancellationRequested)
                ?? _workers.FindLast(w => !w.Retire.IsCancellationRequested);
            if (worker is null)
            {
                return false;
            }

            worker.Retire.Cancel();
            _bench.WakeAll(); // a seated worker has no token to see: it looks when called up
            return true;
        }
    }

    private void AddWorkerLocked()
    {
        var worker = new DispatchWorker(_hardStop.Token);
        _workers.Add(worker);
        worker.Run = Task.Run(() => RunWorkerAsync(worker));
    }

    private void OnWorkerLeft(DispatchWorker worker)
    {
        lock (_lifecycle)
        {
            // Its counts move to the retired totals in the same step, so Stats never misses or doubles them.
            _retiredProcessed += worker.Processed;
            _retiredFailed += worker.Failed;
            _workers.Remove(worker);
            bool retired = worker.Retire.IsCancellationRequested && !_hardStop.IsCancellationRequested;
            if (retired && _state == Running)
            {
                DispatcherLog.Resized(_report.Logger, Name, _workers.Count, Depth);
            }
        }

        worker.Retire.Dispose();
    }

    private async ValueTask<bool> ThrottleAsync(CancellationToken handlerToken)
    {
        try
        {
            await _throttle!.WaitAsync(handlerToken).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException) when (handlerToken.IsCancellationRequested)
        {
            return false;
        }
    }

    private async Task RunWorkerAsync(DispatchWorker worker)
    {
        // Read once into the worker's own state: producers write the engine's counters, so reading its
        // fields per message would share a cache line with them.
        var reader = _channel.Reader;
        var leave = worker.Retire.Token;
        var handlerToken = _hardStop.Token;
        var target = _target;
        var keys = _keys;
        var throttle = _throttle;
        // Only a worker that can be retired waits with its token: a cancellable wait costs the channel a new
        // waiter and a token registration each time the queue runs empty. A fixed worker needs none, because
        // stopping completes the channel, which ends its wait.
        bool retirable = _options.EffectiveMaxWorkers > _options.Workers;
        try
        {
            while (true)
            {
                // One idle worker waits on the queue, the others on the bench (WorkerBench says why).
                if (!_bench.TryWaitOnQueue())
                {
                    await _bench.SitAsync(worker.Seat).ConfigureAwait(false);
                    leave.ThrowIfCancellationRequested();
                    continue;
                }

                bool queued;
                try
                {
                    queued = await (retirable ? reader.WaitToReadAsync(leave) : reader.WaitToReadAsync()).ConfigureAwait(false);
                }
                finally
                {
                    _bench.LeftQueue();
                }

                if (!queued)
                {
                    break; // stopped, and the queue is empty
                }

                // Retired or stopped hard while messages are queued: leave them to the stop, rather than come back
                // here at once from a loop that takes nothing once the worker is to leave.
                leave.ThrowIfCancellationRequested();

                if (keys is null && throttle is null)
                {
                    // The plain path: a synchronous loop runs the queue while handlers complete at once, and this
                    // method only awaits a handler that does not.
                    worker.SetTaking();
                    if (TTarget.HandlesSynchronously)
                    {
                        RunQueuedVoid(reader, worker, handlerToken);
                        continue;
                    }

                    while (RunQueuedSync(reader, worker, handlerToken, out var held, out var pending))
                    {
                        try
                        {
                            await pending.ConfigureAwait(false);
                            worker.ProcessedThenTaking();
                        }
                        catch (Exception ex)
                        {
                            HandlerThrew(worker, held, ex, handlerToken);
                            worker.SetTaking();
                        }
                    }

                    continue;
                }

                while (!leave.IsCancellationRequested)
                {
                    // Taking while it reads: a message out of the queue (or moved to a key's parked queue) is
                    // accounted for by this worker until it says what became of it.
                    worker.SetTaking();
                    DispatchEnvelope envelope;
                    if (keys is null)
                    {
                        if (!reader.TryRead(out envelope))
                        {
                            worker.SetIdle();
                            break;
                        }
                    }
                    else
                    {
                        var taken = keys.TryTake(reader, out envelope, out var keyError);
                        if (taken == TakeResult.Empty)
                        {
                            worker.SetIdle();
                            break;
                        }

                        if (taken == TakeResult.ParkFull)
                        {
                            worker.SetIdle();
                            await keys.WaitForRoomAsync(leave).ConfigureAwait(false);
                            continue;
                        }

                        if (taken == TakeResult.KeyFailed)
                        {
                            worker.CountFailed();
                            worker.SetIdle(); // before the report: a callback that reads Stats must not wait for this worker
                            _report.Report(envelope.Message, UndeliveredReason.HandlerFailed, keyError);
                            continue;
                        }
                    }

                    worker.SetHolding();
                    while (true)
                    {
                        if (throttle is not null && !await ThrottleAsync(handlerToken).ConfigureAwait(false))
                        {
                            AbandonHeld(envelope);
                            break;
                        }

                        // The generated call, inlined here so a handler that completes synchronously costs no
                        // state machine and one that does not reuses this worker's.
                        ValueTask handled;
                        try
                        {
                            handled = TTarget.DispatchAsync(target, in envelope, handlerToken);
                        }
                        catch (Exception ex)
                        {
                            handled = ValueTask.FromException(ex);
                        }

                        try
                        {
                            if (handled.IsCompletedSuccessfully)
                            {
                                handled.GetAwaiter().GetResult();
                            }
                            else
                            {
                                await handled.ConfigureAwait(false);
                            }

                            worker.CountProcessed();
                        }
                        catch (Exception ex)
                        {
                            HandlerThrew(worker, envelope, ex, handlerToken);
                        }

                        // A key's parked messages are run by the worker holding it, in order; after a hard
                        // stop they stay parked for the stop to report.
                        if (keys is null || handlerToken.IsCancellationRequested || !keys.TryTakeNext(in envelope, out var next))
                        {
                            break;
                        }

                        envelope = next;
                    }

                    worker.SetIdle();
                }
            }
        }
        catch (OperationCanceledException) when (leave.IsCancellationRequested)
        {
            // Retired, or stopped hard: whatever is still queued is the stop's to report.
        }
        finally
        {
            worker.SetIdle();
            OnWorkerLeft(worker);
            _bench.WakeOne(); // a seated worker takes over the queue, or sees the stop
        }
    }

    /// <summary>
    /// A handler threw. A cancellation caused by our own hard stop is not the handler's failure: the message is
    /// unfinished, counted and reported as the stop's messages are. Anything else failed.
    /// </summary>
    private void HandlerThrew(DispatchWorker worker, in DispatchEnvelope envelope, Exception error, CancellationToken handlerToken)
    {
        if (error is OperationCanceledException && handlerToken.IsCancellationRequested)
        {
            AbandonHeld(envelope);
            return;
        }

        worker.CountFailed();
        _report.Report(envelope.Message, UndeliveredReason.HandlerFailed, error);
    }

    /// <summary>
    /// The plain loop of a dispatcher whose handlers all return <c>void</c>: per message one read from the queue, the
    /// call, and two stores of the worker's word; no task to test. The worker comes in taking and leaves idle, once
    /// the queue is empty or it is to leave. A handler that throws is reported and the loop goes on.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)] // its own frame: inlined into the async caller, its locals would live in the caller's box
    private void RunQueuedVoid(ChannelReader<DispatchEnvelope> reader, DispatchWorker worker, CancellationToken handlerToken)
    {
        var target = _target;
        var retire = worker.Retire;
        long counted = worker.Counted;
        while (!retire.IsCancellationRequested && reader.TryRead(out var envelope))
        {
            worker.SetHolding(counted);
            try
            {
                TTarget.Dispatch(target, in envelope, handlerToken);
            }
            catch (Exception ex)
            {
                HandlerThrew(worker, envelope, ex, handlerToken);
                worker.SetTaking(counted);
                continue;
            }

            counted = worker.ProcessedThenTaking(counted);
        }

        worker.SetIdle(counted);
    }

    /// <summary>
    /// Runs queued messages while their handlers complete synchronously. The worker comes in taking and leaves
    /// idle, or holding the message whose handler is still running: then it returns true with that message and
    /// its handler's task, false once the queue is empty or the worker is to leave.
    /// </summary>
    /// <remarks>
    /// The loop itself (<see cref="RunQueuedUnguarded"/>) has no exception handler: a try region inside it would
    /// make the JIT keep its locals in memory and the handler's task opaque, where without one a synchronous
    /// handler's <c>default</c> task folds away. A handler that throws leaves the loop to the catch here, which
    /// reports it and goes on. The message being handled lives in this frame, not in the async caller's box, so
    /// reading it from the queue is a plain stack store.
    /// </remarks>
    private bool RunQueuedSync(
        ChannelReader<DispatchEnvelope> reader, DispatchWorker worker, CancellationToken handlerToken,
        out DispatchEnvelope held, out ValueTask pending)
    {
        DispatchEnvelope envelope = default;
        while (true)
        {
            try
            {
                pending = RunQueuedUnguarded(reader, worker, handlerToken, ref envelope);
                if (!pending.Equals(default(ValueTask)))
                {
                    held = envelope;
                    return true;
                }

                held = default;
                return false;
            }
            catch (Exception ex)
            {
                HandlerThrew(worker, envelope, ex, handlerToken);
                worker.SetTaking();
            }
        }
    }

    /// <summary>
    /// The synchronous loop: per message one read from the queue and two stores of the worker's own word, kept in
    /// a register between them. Returns the task of a handler that did not complete at once (the worker holding
    /// <paramref name="envelope"/>), or <c>default</c> once the queue is empty or the worker is to leave: a task
    /// that has not completed is never <c>default</c>, so no second result is needed (an out parameter would take
    /// a register the loop uses for the worker's word). Throws what a handler throws, with
    /// <paramref name="envelope"/> the message it was handling.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)] // inlined into RunQueuedSync, the loop would be inside its try region
    private ValueTask RunQueuedUnguarded(
        ChannelReader<DispatchEnvelope> reader, DispatchWorker worker, CancellationToken handlerToken, ref DispatchEnvelope envelope)
    {
        var target = _target;
        long counted = worker.Counted;
        while (!worker.Retire.IsCancellationRequested && reader.TryRead(out envelope))
        {
            worker.SetHolding(counted);
            var handled = TTarget.DispatchAsync(target, in envelope, handlerToken);
            if (handled.IsCompletedSuccessfully)
            {
                handled.GetAwaiter().GetResult(); // releases a pooled task source; cannot throw once succeeded
                counted = worker.ProcessedThenTaking(counted);
                continue;
            }

            if (!handled.IsCompleted)
            {
                return handled;
            }

            handled.GetAwaiter().GetResult(); // failed or cancelled: throws, to RunQueuedSync's catch
            counted = worker.ProcessedThenTaking(counted);
        }

        worker.SetIdle(counted);
        return default;
    }
}

using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Microsoft.Extensions.Logging.Abstractions;

namespace Eventfold;

/// <summary>
/// The runtime of a bounded dispatcher: a bounded channel of <see cref="DispatchEnvelope"/>s, workers that
/// hand each to <typeparamref name="TTarget"/>'s generated <see cref="IDispatchTarget{TSelf}.DispatchAsync"/>,
/// an overflow policy, optional throttling, keyed ordering and elastic workers. The generated dispatcher
/// class holds one and forwards its typed <c>EnqueueAsync</c>/<c>TryEnqueue</c> to it.
/// </summary>
public sealed partial class DispatcherEngine<TTarget> : IAsyncDisposable, IElasticTarget
    where TTarget : IDispatchTarget<TTarget>
{
    private const int New = 0, Running = 1, Stopping = 2;

    private readonly TTarget _target;
    private readonly DispatcherOptions _options;
    private readonly Channel<DispatchEnvelope> _channel;
    private readonly ChannelWriter<DispatchEnvelope> _writer; // the channel's, read once: one load less per offer
    private readonly OverflowPolicy _overflow;
    private readonly KeyGate? _keys;
    private readonly Throttle? _throttle;
    private readonly DispatcherReporter _report;
    private readonly TimeProvider _clock;
    private readonly CancellationTokenSource _hardStop = new();
    private readonly Lock _lifecycle = new();
    private readonly List<DispatchWorker> _workers = [];
    private readonly WorkerBench _bench = new();
    private ElasticWorkers? _elastic;
    private Task<DispatcherStopResult>? _stop;
    private int _state;
    private OfferCounters _counts; // not readonly: incremented in place
    private long _retiredProcessed;
    private long _retiredFailed;

    public DispatcherEngine(TTarget target, DispatcherOptions options)
    {
        if (target is null)
        {
            throw new ArgumentNullException(nameof(target));
        }

        ArgumentNullException.ThrowIfNull(options);
        string name = options.Name ?? TTarget.DispatcherName;
        options.Validate(name);
        _target = target;
        _options = options with { }; // a copy: the options are settable, and a change after start must not reach the running engine
        _overflow = options.Overflow;
        _clock = options.TimeProvider ?? TimeProvider.System;
        _report = new DispatcherReporter(name, options.Logger ?? NullLogger.Instance, options.OnUndelivered);
        _keys = options.Ordering?.CreateGate(options.ParkLimit ?? options.Capacity);
        _throttle = options.PerSecond > 0 ? new Throttle(options.PerSecond, options.EffectiveMaxWorkers) : null;
        _channel = CreateChannel(options.Capacity, options.Overflow);
        _writer = _channel.Writer;
        DispatcherGauges.Register(this, name, () => Stats);
    }

    /// <summary>The dispatcher's name in logs and metrics.</summary>
    public string Name => _report.Dispatcher;

    /// <summary>The options the engine runs with (a copy: changing it changes nothing).</summary>
    public DispatcherOptions Options => _options with { };

    public DispatcherStats Stats
    {
        get
        {
            lock (_lifecycle)
            {
                // The order matters: a message leaves the depth before a worker holds it, and is held until
                // it is counted. Reading the depth first, then each worker settled (not halfway through taking
                // one), then the totals, no message is missed; so a snapshot showing nothing queued or in flight
                // once producers are quiet is exact.
                long depth = SettledDepth;
                long processed = _retiredProcessed, failed = _retiredFailed, inFlight = 0;
                foreach (var worker in _workers)
                {
                    var (workerProcessed, busy) = worker.Settle();
                    processed += workerProcessed;
                    inFlight += busy;
                    failed += worker.Failed;
                }

                return new DispatcherStats(
                    depth, processed, Interlocked.Read(ref _counts.Dropped), Interlocked.Read(ref _counts.Rejected), _workers.Count, failed, inFlight,
                    Interlocked.Read(ref _counts.Offered));
            }
        }
    }

    /// <summary>Messages waiting: in the queue or parked behind a busy key (cheaper than <see cref="Stats"/>).</summary>
    public long Depth => _channel.Reader.Count + (_keys?.Parked ?? 0);

    // Queued and parked as of one moment: a worker moves a message from the queue to a key's parked queue
    // under the key gate's lock, so read both under it.
    private long SettledDepth => _keys is null ? _channel.Reader.Count : _keys.Depth(_channel.Reader);

    /// <summary>
    /// Offers a message. Under <see cref="OverflowPolicy.Wait"/> it suspends while the queue is full (back
    /// pressure); under the drop policies it always queues, dropping another; under
    /// <see cref="OverflowPolicy.Reject"/> a full queue refuses it (reported, not thrown: use
    /// <see cref="TryEnqueue"/> to know at the call site). Cancelling a waiting call offers nothing.
    /// </summary>
    /// <exception cref="ObjectDisposedException">The dispatcher is stopping or stopped (the message is reported as refused).</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] // the generated EnqueueAsync is only this call
    public ValueTask EnqueueAsync(DispatchEnvelope envelope, CancellationToken ct = default)
    {
        if (Volatile.Read(ref _state) == Running && !ct.IsCancellationRequested)
        {
            Interlocked.Increment(ref _counts.Offered);
            return _writer.TryWrite(envelope) ? default : OfferRefused(envelope, ct);
        }

        return EnqueueCold(envelope, ct);
    }

    /// <summary>
    /// Offers a message without waiting: false when it was refused (queue full under
    /// <see cref="OverflowPolicy.Wait"/> or <see cref="OverflowPolicy.Reject"/>, or the dispatcher stopping),
    /// each refusal reported. Under the drop policies it is always queued, another message dropped instead.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryEnqueue(DispatchEnvelope envelope)
    {
        if (Volatile.Read(ref _state) == New)
        {
            Start();
        }

        Interlocked.Increment(ref _counts.Offered);
        if (_writer.TryWrite(envelope))
        {
            return true;
        }

        RefuseWithoutWaiting(envelope);
        return false;
    }

    // Off the hot path, like the refusals below (not inlined: the intake methods are inlined into the producer's
    // loop, which must stay small): the first offer starts the workers; a cancelled one offers nothing.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private ValueTask EnqueueCold(DispatchEnvelope envelope, CancellationToken ct)
    {
        if (Volatile.Read(ref _state) == New)
        {
            Start();
        }

        if (ct.IsCancellationRequested)
        {
            return ValueTask.FromCanceled(ct);
        }

        Interlocked.Increment(ref _counts.Offered);
        return _writer.TryWrite(envelope) ? default : OfferRefused(envelope, ct);
    }

    // The queue did not take it at once: stopping, full under Reject, or full under Wait (then wait for room).
    [MethodImpl(MethodImplOptions.NoInlining)]
    private ValueTask OfferRefused(DispatchEnvelope envelope, CancellationToken ct)
    {
        if (Volatile.Read(ref _state) == Stopping)
        {
            RejectStopped(envelope);
            return ValueTask.FromException(StoppedError());
        }

        if (_overflow == OverflowPolicy.Reject)
        {
            Reject(envelope, UndeliveredReason.RejectedFull);
            return default;
        }

        return WaitToWriteAsync(envelope, ct);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void RefuseWithoutWaiting(DispatchEnvelope envelope)
    {
        if (Volatile.Read(ref _state) == Stopping)
        {
            RejectStopped(envelope);
        }
        else
        {
            Reject(envelope, UndeliveredReason.RejectedFull);
        }
    }

    // Pooled: a producer that waits for room does so often under back pressure, and must not allocate each time.
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    private async ValueTask WaitToWriteAsync(DispatchEnvelope envelope, CancellationToken ct)
    {
        try
        {
            await _writer.WriteAsync(envelope, ct).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            Interlocked.Decrement(ref _counts.Offered);
            throw;
        }
        catch (ChannelClosedException)
        {
            RejectStopped(envelope);
            throw StoppedError();
        }
    }

    private Channel<DispatchEnvelope> CreateChannel(int capacity, OverflowPolicy overflow)
    {
        var options = new BoundedChannelOptions(capacity)
        {
            FullMode = overflow switch
            {
                OverflowPolicy.DropOldest => BoundedChannelFullMode.DropOldest,
                OverflowPolicy.DropNewest => BoundedChannelFullMode.DropNewest,
                _ => BoundedChannelFullMode.Wait,
            },
            SingleReader = false,
            SingleWriter = false,
            AllowSynchronousContinuations = false,
        };
        return overflow is OverflowPolicy.DropOldest or OverflowPolicy.DropNewest
            ? Channel.CreateBounded<DispatchEnvelope>(options, OnChannelDropped)
            : Channel.CreateBounded<DispatchEnvelope>(options);
    }

    // The channel names the message it dropped, so the drop is reported with the message itself.
    private void OnChannelDropped(DispatchEnvelope dropped)
    {
        Interlocked.Increment(ref _counts.Dropped);
        _report.Report(dropped.Message, _overflow == OverflowPolicy.DropOldest ? UndeliveredReason.DroppedOldest : UndeliveredReason.DroppedNewest);
    }

    private void Reject(in DispatchEnvelope envelope, UndeliveredReason reason)
    {
        Interlocked.Increment(ref _counts.Rejected);
        _report.Report(envelope.Message, reason);
    }

    private void RejectStopped(in DispatchEnvelope envelope) => Reject(envelope, UndeliveredReason.RejectedStopped);

    private ObjectDisposedException StoppedError() =>
        new(Name, $"Dispatcher '{Name}' is stopping or stopped and takes no more messages.");

    public ValueTask DisposeAsync() => new(StopAsync());
}

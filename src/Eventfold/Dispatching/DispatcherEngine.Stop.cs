using System.Collections.Concurrent;

namespace Eventfold;

public sealed partial class DispatcherEngine<TTarget>
{
    private readonly ConcurrentQueue<object> _abandoned = new();

    /// <summary>
    /// Stops intake at once, lets the workers drain the queue within <see cref="DispatcherOptions.DrainTimeout"/>
    /// (or until <paramref name="ct"/> is cancelled), then cancels the handlers and reports every message it could
    /// not finish (callback, log, counter, and the result). Idempotent: later calls return the same result.
    /// </summary>
    public Task<DispatcherStopResult> StopAsync(CancellationToken ct = default)
    {
        lock (_lifecycle)
        {
            if (_stop is null)
            {
                Volatile.Write(ref _state, Stopping);
                _channel.Writer.TryComplete();
                _bench.WakeAll(); // seated workers see the end as they look at the queue
                _stop = StopCoreAsync(ct);
            }

            return _stop;
        }
    }

    private async Task<DispatcherStopResult> StopCoreAsync(CancellationToken ct)
    {
        await Task.Yield(); // out of the caller's lock before waiting
        _elastic?.Dispose();

        bool drained = await WaitForWorkersAsync(_options.DrainTimeout, ct).ConfigureAwait(false);
        if (!drained)
        {
            await _hardStop.CancelAsync().ConfigureAwait(false);
            _bench.WakeAll();
            await WaitForWorkersAsync(_options.CancelGrace, CancellationToken.None).ConfigureAwait(false);
        }

        var unfinished = new List<object>();
        while (_abandoned.TryDequeue(out var message))
        {
            unfinished.Add(message);
        }

        while (_channel.Reader.TryRead(out var queued))
        {
            Abandon(queued);
            unfinished.Add(queued.Message);
        }

        if (_keys is not null)
        {
            foreach (var parked in _keys.Sweep())
            {
                Abandon(parked);
                unfinished.Add(parked.Message);
            }
        }

        int stillRunning = WorkerLoad().Busy;
        drained = drained && unfinished.Count == 0;
        if (!drained)
        {
            DispatcherLog.DrainTimedOut(_report.Logger, Name, unfinished.Count, stillRunning);
        }

        _throttle?.Dispose();
        DispatcherGauges.Unregister(this);
        return new DispatcherStopResult(drained, unfinished, stillRunning);
    }

    /// <summary>A message that will never be handled: counted as dropped and reported as unfinished.</summary>
    private void Abandon(in DispatchEnvelope envelope)
    {
        Interlocked.Increment(ref _counts.Dropped);
        _report.Report(envelope.Message, UndeliveredReason.Unfinished);
    }

    /// <summary>A message a worker held when the stop cancelled it before its handler ran.</summary>
    private void AbandonHeld(in DispatchEnvelope envelope)
    {
        Abandon(envelope);
        _abandoned.Enqueue(envelope.Message);
    }

    private async Task<bool> WaitForWorkersAsync(TimeSpan timeout, CancellationToken ct)
    {
        Task all;
        lock (_lifecycle)
        {
            all = Task.WhenAll(_workers.Select(w => w.Run));
        }

        try
        {
            await all.WaitAsync(timeout, _clock, ct).ConfigureAwait(false);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            return false;
        }
    }
}

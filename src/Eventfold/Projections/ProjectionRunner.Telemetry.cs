using System.Diagnostics;

namespace Eventfold;

/// <summary>
/// The runner's telemetry: a trace activity per handled event (only while someone listens), a handled counter,
/// and the lag gauges, measured every <see cref="ProjectionRunnerOptions.LagInterval"/> while the runner runs and
/// once when it returns.
/// </summary>
public sealed partial class ProjectionRunner<T>
{
    /// <summary>Counted by reading on stores without sequential positions; a count above it is reported as this plus one.</summary>
    internal const long LagCountLimit = 10_000;

    private RecordedEvent? _lastHandled;

    private void OnHandled(RecordedEvent e)
    {
        Volatile.Write(ref _lastHandled, e);
        ProjectionMetrics.CountHandled(Name);
    }

    private async ValueTask TracedAsync(RecordedEvent e, CancellationToken ct)
    {
        using var activity = EventfoldActivities.Source.StartActivity("eventfold.projection.handle", ActivityKind.Consumer);
        if (activity is not null)
        {
            activity.SetTag("eventfold.projection", Name);
            activity.SetTag("eventfold.stream", e.Stream);
            activity.SetTag("eventfold.version", e.Version);
            activity.SetTag("eventfold.event", e.EventName);
        }

        try
        {
            await HandleAsync(e, ct).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            activity?.SetStatus(ActivityStatusCode.Error, ex.Message);
            throw;
        }
    }

    /// <summary>Runs <paramref name="run"/> and measures the lag beside it until it returns, then once more.</summary>
    private async Task MeasuredAsync(Func<CancellationToken, Task> run, CancellationToken ct)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var measuring = MeasureLagLoopAsync(stop.Token);
        try
        {
            await run(ct).ConfigureAwait(false);
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
            await measuring.ConfigureAwait(false);
            try
            {
                await MeasureLagAsync(CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception)
            {
                // A store that is closing cannot say where its log ends; the run's own outcome matters more.
            }
        }
    }

    private async Task MeasureLagLoopAsync(CancellationToken ct)
    {
        try
        {
            while (true)
            {
                await Task.Delay(_options.LagInterval, _clock, ct).ConfigureAwait(false);
                try
                {
                    await MeasureLagAsync(ct).ConfigureAwait(false);
                }
                catch (Exception) when (!ct.IsCancellationRequested)
                {
                    // A failed measurement is skipped; the next one may succeed.
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
    }

    /// <summary>Records events behind (after the later of the last handled event and the checkpoint) and, while behind, the last handled event's age.</summary>
    internal async Task<long> MeasureLagAsync(CancellationToken ct)
    {
        var last = Volatile.Read(ref _lastHandled);
        var handled = Max(last?.Position, _pipeline.Committed);
        long behind;
        if (_store is ISequentialLog log)
        {
            var end = await log.GetLastPositionAsync(ct).ConfigureAwait(false);
            behind = end is { } e ? (long)Math.Min(e.Commit - Math.Min(e.Commit, handled?.Commit ?? 0), long.MaxValue) : 0;
        }
        else
        {
            behind = 0;
            await foreach (var e in _store.ReadAllAsync(handled ?? GlobalPosition.Start, null, ct).ConfigureAwait(false))
            {
                if ((handled is null || e.Position > handled.Value) && ++behind > LagCountLimit)
                {
                    break;
                }
            }
        }

        var tag = new KeyValuePair<string, object?>("projection", Name);
        ProjectionMetrics.LagEvents.Record(behind, tag);
        if (behind == 0)
        {
            ProjectionMetrics.LagSeconds.Record(0, tag);
        }
        else if (last is not null)
        {
            ProjectionMetrics.LagSeconds.Record(Math.Max(0, (_clock.GetUtcNow() - last.Timestamp).TotalSeconds), tag);
        }

        return behind;
    }

    private static GlobalPosition? Max(GlobalPosition? a, GlobalPosition? b) =>
        a is null ? b : b is null ? a : a.Value.CompareTo(b.Value) >= 0 ? a : b;
}

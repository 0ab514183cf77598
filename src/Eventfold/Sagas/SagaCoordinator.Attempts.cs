using Microsoft.Extensions.Logging;

namespace Eventfold;

public sealed partial class SagaCoordinator<TSaga, TData>
{
    /// <summary>
    /// Runs a step or a compensation: up to 1 + <paramref name="retries"/> attempts, each limited to
    /// <paramref name="timeoutSeconds"/> (0: none), with a doubling delay between them. A timed-out attempt
    /// counts as a failed one. Returns the result, or the last error and the number of attempts made.
    /// Cancellation of <paramref name="ct"/> is not a failure: it propagates.
    /// </summary>
    private async Task<(TData? Result, Exception? Error, int Attempts)> AttemptAsync(
        SagaProgress progress, string method, bool isCompensation, int retries, int timeoutSeconds,
        Func<CancellationToken, ValueTask<TData>> run, CancellationToken ct)
    {
        long started = System.Diagnostics.Stopwatch.GetTimestamp();
        string sagaId = progress.SagaId;
        var activity = SagaMetrics.StartStep(Name, sagaId, method, isCompensation);
        try
        {
            var outcome = await AttemptCoreAsync(progress, method, isCompensation, retries, timeoutSeconds, run, ct).ConfigureAwait(false);
            SagaMetrics.StepEnded(activity, Name, method, isCompensation, outcome.Attempts, outcome.Error, started);
            return outcome;
        }
        catch (Exception ex)
        {
            SagaMetrics.StepEnded(activity, Name, method, isCompensation, 0, ex, started, cancelled: true);
            throw;
        }
    }

    private async Task<(TData? Result, Exception? Error, int Attempts)> AttemptCoreAsync(
        SagaProgress progress, string method, bool isCompensation, int retries, int timeoutSeconds,
        Func<CancellationToken, ValueTask<TData>> run, CancellationToken ct)
    {
        string sagaId = progress.SagaId;
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                SagaStepContext.Current = new SagaStepContext(TSaga.SagaName, sagaId, method, isCompensation, attempt, progress.Metadata);
                var result = await WithTimeoutAsync(sagaId, method, timeoutSeconds, run, ct).ConfigureAwait(false);
                return (result, null, attempt);
            }
            catch (Exception ex) when (!(ex is OperationCanceledException && ct.IsCancellationRequested))
            {
                SagaMetrics.CountAttemptError(Name);
                LogAttemptFailed(_logger, ex, Name, sagaId, method, attempt, retries + 1);
                if (attempt > retries)
                {
                    return (default, ex, attempt);
                }
            }
            finally
            {
                SagaStepContext.Current = null;
            }

            await Task.Delay(DelayBefore(attempt + 1), _clock, ct).ConfigureAwait(false);
        }
    }

    private TimeSpan DelayBefore(int attempt)
    {
        var delay = _options.RetryDelay * Math.Pow(2, Math.Min(attempt - 2, 30));
        return delay > _options.MaxRetryDelay ? _options.MaxRetryDelay : delay;
    }

    private async Task<TData> WithTimeoutAsync(string sagaId, string method, int timeoutSeconds, Func<CancellationToken, ValueTask<TData>> run, CancellationToken ct)
    {
        if (timeoutSeconds <= 0)
        {
            return await run(ct).ConfigureAwait(false);
        }

        var limit = TimeSpan.FromSeconds(timeoutSeconds);
        using var timeout = new CancellationTokenSource(limit, _clock);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, timeout.Token);
        try
        {
            // WaitAsync also ends the wait for a step that ignores its token; the step is then abandoned.
            return await run(linked.Token).AsTask().WaitAsync(limit, _clock, ct).ConfigureAwait(false);
        }
        catch (Exception ex) when (!ct.IsCancellationRequested && (ex is TimeoutException || (ex is OperationCanceledException && timeout.IsCancellationRequested)))
        {
            throw new TimeoutException($"Saga '{Name}' id '{sagaId}': '{method}' did not finish within {timeoutSeconds} s (TimeoutSeconds).", ex);
        }
    }

    [LoggerMessage(EventId = 4004, Level = LogLevel.Debug, Message = "Saga '{Saga}' id '{SagaId}': '{Method}' attempt {Attempt} of {MaxAttempts} failed")]
    private static partial void LogAttemptFailed(ILogger logger, Exception error, string saga, string sagaId, string method, int attempt, int maxAttempts);
}

using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Eventfold;

/// <summary>
/// Runs a projection while the host runs: started with the host (catch up, then live), and on shutdown
/// cancelled, drained and checkpointed, so a restart resumes where it stopped. A run that fails (a store
/// error, or a handler failure in <see cref="ProjectionFailureMode.Stop"/>) is logged and ends the run;
/// it does not stop the host.
/// </summary>
internal sealed partial class ProjectionHostedService<T>(ProjectionRunner<T> runner, ILogger<ProjectionHostedService<T>>? logger = null) : IHostedService, IDisposable
    where T : class, IProjection
{
    private readonly ILogger _logger = (ILogger?)logger ?? NullLogger.Instance;
    private readonly CancellationTokenSource _stopping = new();
    private Task? _run;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _run = Task.Run(() => RunAsync(_stopping.Token), CancellationToken.None);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_run is null)
        {
            return;
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        // The run drains what it read and stores the checkpoint before it returns; the host's shutdown
        // timeout bounds the wait.
        await _run.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    public void Dispose() => _stopping.Dispose();

    private async Task RunAsync(CancellationToken ct)
    {
        try
        {
            await runner.RunAsync(ct).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            LogStopped(_logger, ex, ProjectionRunner<T>.Name, runner.Checkpoint?.ToString() ?? "the start");
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Projection '{Projection}' stopped at checkpoint {Checkpoint}")]
    private static partial void LogStopped(ILogger logger, Exception error, string projection, string checkpoint);
}

using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Eventfold;

/// <summary>
/// Runs one consumer of the log (a saga runner, a replica, a state publisher) while the host runs: started with
/// the host, and on shutdown cancelled and awaited, so it drains and stores its checkpoint. A run that fails is
/// logged with what stopped it and ends; it does not stop the host.
/// </summary>
internal abstract partial class LoggedRunHostedService(ILogger? logger) : IHostedService, IDisposable
{
    private readonly ILogger _logger = logger ?? NullLogger.Instance;
    private readonly CancellationTokenSource _stopping = new();
    private Task? _run;

    /// <summary>What the log calls this run, e.g. <c>saga-runner:checkout</c>.</summary>
    protected abstract string Name { get; }

    /// <summary>The error that ended the run, or null while it runs or after a clean stop.</summary>
    public Exception? StoppedBy { get; private set; }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _run = Task.Run(() => RunLoggedAsync(_stopping.Token), CancellationToken.None);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_run is null)
        {
            return;
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        // The host's shutdown timeout bounds the wait for the drain and the last checkpoint.
        await _run.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    public void Dispose() => _stopping.Dispose();

    protected abstract Task RunAsync(CancellationToken ct);

    private async Task RunLoggedAsync(CancellationToken ct)
    {
        try
        {
            await RunAsync(ct).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            StoppedBy = ex;
            LogStopped(_logger, ex, Name);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "'{Name}' stopped")]
    private static partial void LogStopped(ILogger logger, Exception error, string name);
}

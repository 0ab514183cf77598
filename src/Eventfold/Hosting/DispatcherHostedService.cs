using Microsoft.Extensions.Hosting;

namespace Eventfold;

/// <summary>Starts a dispatcher with the host and drains it when the host stops.</summary>
internal sealed class DispatcherHostedService<T>(T dispatcher, DispatcherConfigurationCheck<T>? check = null) : IHostedService
    where T : class, IBoundedDispatcher
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (check is not null)
        {
            // Reading the stats makes the engine from the configured settings without starting a worker.
            _ = dispatcher.Stats;
            if (check.Failure is { } failure)
            {
                throw failure;
            }
        }

        dispatcher.Start();
        return Task.CompletedTask;
    }

    // The host's shutdown timeout cancels the token: the drain then ends early and reports what is left.
    public Task StopAsync(CancellationToken cancellationToken) => dispatcher.StopAsync(cancellationToken);
}

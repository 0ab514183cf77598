using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Eventfold;

/// <summary>
/// The store's health: one cheap read (the version of a probe stream that need not exist) within a
/// timeout. It proves the store answers: the SQLite file is open and its schema readable, the EventStoreDB
/// server reachable. Registered by <c>AddHealthChecks().AddEventfoldStore()</c>.
/// </summary>
internal sealed class EventStoreHealthCheck(IEventStore store, TimeSpan timeout) : IHealthCheck
{
    internal const string ProbeStream = "eventfold-health-probe";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            await store.GetStreamVersionAsync(ProbeStream, deadline.Token).WaitAsync(deadline.Token).ConfigureAwait(false);
            return HealthCheckResult.Healthy($"{store.GetType().Name} answered a read.");
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy($"{store.GetType().Name} did not answer a read within {timeout.TotalSeconds:0.###} s.");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy($"{store.GetType().Name} failed a read: {e.Message}", e);
        }
    }
}

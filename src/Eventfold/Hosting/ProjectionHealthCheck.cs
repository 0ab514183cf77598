using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Eventfold;

/// <summary>
/// A projection's health: Unhealthy when its runner is not following the log (stopped by a failure, or not
/// started), Degraded when more than <see cref="ProjectionRunnerOptions.HealthyEventsBehind"/> handled events
/// lie past its stored checkpoint, Healthy otherwise. Registered by <c>AddProjection</c> as
/// <c>projection:{name}</c>; it counts only when the application adds health checks.
/// </summary>
internal sealed class ProjectionHealthCheck<T>(ProjectionRunner<T> runner, long healthyEventsBehind) : IHealthCheck
    where T : class, IProjection
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        string name = ProjectionRunner<T>.Name;
        string checkpoint = runner.Checkpoint?.ToString() ?? "the start";
        if (runner.StoppedBy is { } error)
        {
            return HealthCheckResult.Unhealthy($"Projection '{name}' stopped at checkpoint {checkpoint}: {error.Message}", error);
        }

        if (!runner.IsRunning)
        {
            return HealthCheckResult.Unhealthy($"Projection '{name}' is not running (checkpoint {checkpoint}).");
        }

        long behind = await runner.CountEventsBehindAsync(healthyEventsBehind, cancellationToken).ConfigureAwait(false);
        var data = new Dictionary<string, object> { ["eventsBehind"] = behind };
        return behind > healthyEventsBehind
            ? HealthCheckResult.Degraded($"Projection '{name}' is more than {healthyEventsBehind} events behind (checkpoint {checkpoint}).", data: data)
            : HealthCheckResult.Healthy($"Projection '{name}' is {behind} events behind.", data);
    }
}

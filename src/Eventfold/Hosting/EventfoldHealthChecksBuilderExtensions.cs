using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Eventfold;

public static class EventfoldHealthChecksBuilderExtensions
{
    /// <summary>
    /// Adds the health check <paramref name="name"/> of the store <c>AddEventfold</c> registered: Healthy when
    /// it answers a read within <paramref name="timeout"/> (5 seconds unless given), Unhealthy otherwise.
    /// </summary>
    public static IHealthChecksBuilder AddEventfoldStore(
        this IHealthChecksBuilder builder, string name = "eventfold-store", TimeSpan? timeout = null, IEnumerable<string>? tags = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(name);
        TimeSpan limit = timeout ?? TimeSpan.FromSeconds(5);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(limit, TimeSpan.Zero, nameof(timeout));
        return builder.Add(new HealthCheckRegistration(
            name,
            sp => new EventStoreHealthCheck(sp.GetRequiredService<IEventStore>(), limit),
            HealthStatus.Unhealthy,
            tags));
    }
}

using Eventfold.StoreConformance;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Eventfold.Tests.Hosting;

/// <summary>The store health check: healthy when the store answers, unhealthy when it fails or does not answer in time.</summary>
public sealed class EventStoreHealthCheckTests
{
    private static ServiceProvider Build(Func<IServiceProvider, IEventStore> store, TimeSpan? timeout = null)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddEventfold(o => o.UseStore(store));
        services.AddHealthChecks().AddEventfoldStore(timeout: timeout);
        return services.BuildServiceProvider();
    }

    private static async Task<HealthReportEntry> CheckAsync(IServiceProvider provider) =>
        (await provider.GetRequiredService<HealthCheckService>().CheckHealthAsync()).Entries["eventfold-store"];

    [Fact]
    public async Task A_store_that_answers_is_healthy()
    {
        await using var provider = Build(_ => new InMemoryEventStore());

        var entry = await CheckAsync(provider);

        Assert.Equal(HealthStatus.Healthy, entry.Status);
    }

    [Fact]
    public async Task A_store_that_fails_is_unhealthy_with_its_error()
    {
        await using var provider = Build(_ => new FailingStore(new InMemoryEventStore()));

        var entry = await CheckAsync(provider);

        Assert.Equal(HealthStatus.Unhealthy, entry.Status);
        Assert.IsType<IOException>(entry.Exception);
        Assert.Contains("connection refused", entry.Description);
    }

    [Fact]
    public async Task A_store_that_does_not_answer_in_time_is_unhealthy_naming_the_timeout()
    {
        await using var provider = Build(_ => new HangingStore(new InMemoryEventStore()), TimeSpan.FromMilliseconds(50));

        var entry = await CheckAsync(provider);

        Assert.Equal(HealthStatus.Unhealthy, entry.Status);
        Assert.Contains("within 0.05 s", entry.Description);
    }

    /// <summary>A store whose reads fail, as one whose server refuses connections would.</summary>
    private sealed class FailingStore(IEventStore inner) : DelegatingEventStore(inner)
    {
        public override Task<long> GetStreamVersionAsync(string stream, CancellationToken ct = default) =>
            Task.FromException<long>(new IOException("connection refused"));
    }

    /// <summary>A store whose reads never answer, as a server behind a dropped network would.</summary>
    private sealed class HangingStore(IEventStore inner) : DelegatingEventStore(inner)
    {
        public override Task<long> GetStreamVersionAsync(string stream, CancellationToken ct = default) => new TaskCompletionSource<long>().Task;
    }
}

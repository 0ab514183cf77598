using Eventfold.Tests.Projections;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;

namespace Eventfold.Tests.Hosting;

/// <summary>The health check AddProjection registers: not running, too far behind, stopped by a failure.</summary>
public sealed class ProjectionHealthCheckTests
{
    private static IHost Build(ProjectionRunnerOptions options)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddEventfold(o => o.UseInMemory()).AddProjection<ProjTotals>(options);
        builder.Services.AddHealthChecks();
        return builder.Build();
    }

    private static async Task<HealthReportEntry> CheckAsync(IHost host) =>
        (await host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync()).Entries[ProjectionRunner<ProjTotals>.CheckpointName];

    [Fact]
    public async Task It_reports_a_runner_not_started_unhealthy_then_healthy_then_degraded_past_the_limit_of_events_behind()
    {
        // The checkpoint is stored only on shutdown here, so every handled event counts as behind while the host runs.
        using var host = Build(new ProjectionRunnerOptions { HealthyEventsBehind = 2, CheckpointInterval = TimeSpan.FromHours(1), CheckpointEveryEvents = 1_000_000 });
        var store = host.Services.GetRequiredService<IEventStore>();
        var projection = host.Services.GetRequiredService<ProjTotals>();
        await ProjectionRunnerTests.AppendAsync(store, "order-1", new ProjNoise(1), new ProjNoise(2), new ProjNoise(3));

        var before = await CheckAsync(host);
        await host.StartAsync();
        await ProjectionRunnerTests.AppendAsync(store, "order-2", new ProjPlaced("2", 2m), new ProjShipped("2"));
        await ProjectionRunnerTests.WaitUntilAsync(() => projection.Seen.Count == 2);
        var withinLimit = await CheckAsync(host);
        await ProjectionRunnerTests.AppendAsync(store, "order-3", new ProjPlaced("3", 3m));
        await ProjectionRunnerTests.WaitUntilAsync(() => projection.Seen.Count == 3);
        var pastLimit = await CheckAsync(host);
        await host.StopAsync();
        var stopped = await CheckAsync(host);

        Assert.Equal(HealthStatus.Unhealthy, before.Status);
        Assert.Contains("'proj-totals' is not running", before.Description, StringComparison.Ordinal);
        Assert.Equal(HealthStatus.Healthy, withinLimit.Status);
        Assert.Equal(2L, withinLimit.Data["eventsBehind"]); // the noise events are not the projection's
        Assert.Equal(HealthStatus.Degraded, pastLimit.Status);
        Assert.Contains("more than 2 events behind", pastLimit.Description, StringComparison.Ordinal);
        Assert.Equal(HealthStatus.Unhealthy, stopped.Status);
    }

    [Fact]
    public async Task It_reports_a_runner_stopped_by_a_failing_handler_unhealthy_naming_the_failure()
    {
        using var host = Build(new ProjectionRunnerOptions { OnFailure = ProjectionFailureMode.Stop, Retries = 0 });
        var store = host.Services.GetRequiredService<IEventStore>();
        var runner = host.Services.GetRequiredService<ProjectionRunner<ProjTotals>>();
        await host.StartAsync();
        await ProjectionRunnerTests.WaitUntilAsync(() => runner.IsRunning);

        await ProjectionRunnerTests.AppendAsync(store, "order-1", new ProjFlaky("1", 1));
        await ProjectionRunnerTests.WaitUntilAsync(() => runner.StoppedBy is not null);
        var report = await CheckAsync(host);
        await host.StopAsync();

        Assert.Equal(HealthStatus.Unhealthy, report.Status);
        Assert.Contains("'proj-totals' stopped at checkpoint", report.Description, StringComparison.Ordinal);
        Assert.IsType<ProjectionHandlerFailedException>(report.Exception?.InnerException);
        Assert.Contains("order-1", report.Description, StringComparison.Ordinal);
    }
}

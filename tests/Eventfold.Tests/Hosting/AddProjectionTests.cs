using Eventfold.Tests.Projections;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Eventfold.Tests.Hosting;

public sealed class AddProjectionTests
{
    [Fact]
    public async Task A_projection_runs_live_with_the_host_and_saves_its_checkpoint_on_shutdown()
    {
        var builder = Host.CreateApplicationBuilder();
        // Checkpoints only by time, and not within the test: the one stored is the one saved on shutdown.
        var options = new ProjectionRunnerOptions { CheckpointInterval = TimeSpan.FromHours(1), CheckpointEveryEvents = 1_000_000 };
        builder.Services.AddEventfold(o => o.UseInMemory()).AddProjection<ProjTotals>(options).AddProjection<ProjTotals>(options);
        using var host = builder.Build();
        var store = host.Services.GetRequiredService<IEventStore>();
        var projection = host.Services.GetRequiredService<ProjTotals>();
        Assert.Same(projection, host.Services.GetRequiredService<ProjectionRunner<ProjTotals>>().Projection);
        Assert.Single(host.Services.GetServices<IHostedService>(), s => s.GetType().Name.StartsWith("ProjectionHostedService", StringComparison.Ordinal));
        await ProjectionRunnerTests.AppendAsync(store, "order-1", new ProjPlaced("1", 1m));

        await host.StartAsync();
        await ProjectionRunnerTests.AppendAsync(store, "order-2", new ProjPlaced("2", 2m), new ProjShipped("2"));
        await ProjectionRunnerTests.WaitUntilAsync(() => projection.Seen.Count == 3);
        Assert.Null(await store.GetCheckpointAsync(ProjectionRunner<ProjTotals>.CheckpointName));
        await host.StopAsync();

        Assert.Equal(GlobalPosition.FromSequence(3), await store.GetCheckpointAsync(ProjectionRunner<ProjTotals>.CheckpointName));
        Assert.Equal(3m, projection.Totals.Values.Sum());
    }
}

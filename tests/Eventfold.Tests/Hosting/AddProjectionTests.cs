using Eventfold.Tests.Projections;
using Microsoft.Extensions.DependencyInjection;
using System.Collections.Concurrent;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

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

    [Fact]
    public async Task A_hosted_projection_logs_a_parked_event_through_the_host_logger_at_error()
    {
        var logged = new ConcurrentQueue<(LogLevel Level, int Id, string Line)>();
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders().AddProvider(new CollectingProvider(logged));
        builder.Services.AddEventfold(o => o.UseInMemory()).AddProjection<ProjTotals>(new ProjectionRunnerOptions { Retries = 0 });
        using var host = builder.Build();
        var store = host.Services.GetRequiredService<IEventStore>();
        var runner = host.Services.GetRequiredService<ProjectionRunner<ProjTotals>>();
        await ProjectionRunnerTests.AppendAsync(store, "order-9", new ProjFlaky("9", FailTimes: 1));

        await host.StartAsync();
        await ProjectionRunnerTests.WaitUntilAsync(() => runner.ListParkedAsync().Result.Count == 1);
        await host.StopAsync();

        var parked = Assert.Single(logged, l => l.Id == 3001);
        Assert.Equal(LogLevel.Error, parked.Level);
        Assert.Contains("'order-9' version 0", parked.Line, StringComparison.Ordinal);
    }

    private sealed class CollectingProvider(ConcurrentQueue<(LogLevel, int, string)> lines) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new Collecting(lines);

        public void Dispose()
        {
        }

        private sealed class Collecting(ConcurrentQueue<(LogLevel, int, string)> lines) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                lines.Enqueue((logLevel, eventId.Id, formatter(state, exception)));
        }
    }
}

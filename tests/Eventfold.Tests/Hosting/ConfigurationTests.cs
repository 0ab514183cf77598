using Eventfold.Tests.Projections;
using Eventfold.Tests.Sagas;
using Eventfold.Tests.StateTransfer;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Eventfold.Tests.Hosting;

public sealed class ConfigurationTests
{
    private static readonly Dictionary<string, string?> Every = new()
    {
        ["Eventfold:Store"] = "InMemory",
        ["Eventfold:InMemory:MaxEventSizeBytes"] = "2048",
        ["Eventfold:RunStatePublishers"] = "true",
        ["Eventfold:StatePublishers:ParallelStreams"] = "3",
        ["Eventfold:StatePublishers:Capacity"] = "17",
        ["Eventfold:StatePublishers:CheckpointEveryEvents"] = "18",
        ["Eventfold:StatePublishers:CheckpointInterval"] = "00:00:19",
        ["Eventfold:Projections:proj-totals:Retries"] = "7",
        ["Eventfold:Projections:proj-totals:RetryDelay"] = "00:00:00.250",
        ["Eventfold:Projections:proj-totals:OnFailure"] = "Stop",
        ["Eventfold:Projections:proj-totals:ParallelStreams"] = "2",
        ["Eventfold:Projections:proj-totals:DrainTimeout"] = "00:00:09",
        ["Eventfold:Projections:proj-totals:Capacity"] = "64",
        ["Eventfold:Projections:proj-totals:CheckpointEveryEvents"] = "10",
        ["Eventfold:Projections:proj-totals:CheckpointInterval"] = "00:00:02",
        ["Eventfold:Projections:proj-totals:HealthyEventsBehind"] = "5000",
        ["Eventfold:Projections:proj-totals:LagInterval"] = "00:00:03",
        ["Eventfold:Projections:proj-totals:Lease:Owner"] = "node-a",
        ["Eventfold:Projections:proj-totals:Lease:Duration"] = "00:00:30",
        ["Eventfold:Projections:proj-totals:Lease:RenewEvery"] = "00:00:05",
        ["Eventfold:Projections:proj-totals:Lease:RetryEvery"] = "00:00:04",
        ["Eventfold:Projections:par:Retries"] = "1",
        ["Eventfold:Sagas:test-fulfil:Coordinator:RetryDelay"] = "00:00:01",
        ["Eventfold:Sagas:test-fulfil:Coordinator:MaxRetryDelay"] = "00:01:00",
        ["Eventfold:Sagas:test-fulfil:Coordinator:CompensationRetries"] = "9",
        ["Eventfold:Sagas:test-fulfil:Runner:ParallelSagas"] = "6",
        ["Eventfold:Sagas:test-fulfil:Runner:Capacity"] = "32",
        ["Eventfold:Sagas:test-fulfil:Runner:CheckpointEveryEvents"] = "11",
        ["Eventfold:Sagas:test-fulfil:Runner:CheckpointInterval"] = "00:00:12",
        ["Eventfold:Sagas:test-fulfil:Runner:DrainTimeout"] = "00:00:13",
        ["Eventfold:Replicas:CustomerView:Capacity"] = "14",
        ["Eventfold:Replicas:CustomerView:CheckpointEveryEvents"] = "15",
        ["Eventfold:Replicas:CustomerView:CheckpointInterval"] = "00:00:16",
        ["Eventfold:Dispatchers:GreetingDispatcher:Capacity"] = "8",
        ["Eventfold:Dispatchers:GreetingDispatcher:Workers"] = "3",
        ["Eventfold:Dispatchers:GreetingDispatcher:MaxWorkers"] = "3",
    };

    private static HostApplicationBuilder Builder(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        return builder;
    }

    private static EventfoldBuilder AddAll(HostApplicationBuilder builder) =>
        builder.Services.AddSingleton<Greeter>().AddSingleton<SagaLedger>()
            .AddEventfold(builder.Configuration.GetSection("Eventfold"))
            .AddProjection<ProjTotals>()
            .AddProjection<ParallelProjection>(new ProjectionRunnerOptions { Capacity = 99 })
            .AddSaga<TestFulfilSaga, TestOrder>()
            .AddStateReplica<CustomerView>()
            .AddDispatcher<GreetingDispatcher>();

    [Fact]
    public async Task A_host_built_from_configuration_binds_every_option()
    {
        var builder = Builder(Every);
        AddAll(builder);
        using var host = builder.Build();
        await host.StartAsync();
        try
        {
            var store = host.Services.GetRequiredService<IEventStore>();
            Assert.IsType<InMemoryEventStore>(store);
            await Assert.ThrowsAsync<EventTooLargeException>(() => store.AppendAsync("big-1", ExpectedVersion.Any, [new ProjPlaced(new string('x', 4096), 1m)]));

            var publishers = host.Services.GetRequiredService<IOptionsMonitor<StatePublisherOptions>>().Get(EventfoldServiceCollectionExtensions.StatePublishersOptionsName);
            Assert.Equal((3, 17, 18, TimeSpan.FromSeconds(19)), (publishers.ParallelStreams, publishers.Capacity, publishers.CheckpointEveryEvents, publishers.CheckpointInterval));

            var projection = host.Services.GetRequiredService<IOptionsMonitor<ProjectionRunnerOptions>>().Get("proj-totals");
            Assert.Equal(
                (7, TimeSpan.FromMilliseconds(250), ProjectionFailureMode.Stop, (int?)2, TimeSpan.FromSeconds(9), 64, 10, TimeSpan.FromSeconds(2), 5000L, TimeSpan.FromSeconds(3)),
                (projection.Retries, projection.RetryDelay, projection.OnFailure, projection.ParallelStreams, projection.DrainTimeout, projection.Capacity,
                    projection.CheckpointEveryEvents, projection.CheckpointInterval, projection.HealthyEventsBehind, projection.LagInterval));
            Assert.Equal(("node-a", TimeSpan.FromSeconds(30), (TimeSpan?)TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(4)),
                (projection.Lease!.Owner, projection.Lease.Duration, projection.Lease.RenewEvery, projection.Lease.RetryEvery));

            // Options given in code are the start; configuration changes only what it names.
            var par = host.Services.GetRequiredService<IOptionsMonitor<ProjectionRunnerOptions>>().Get("par");
            Assert.Equal((1, 99, 100), (par.Retries, par.Capacity, par.CheckpointEveryEvents));

            var coordinator = host.Services.GetRequiredService<IOptionsMonitor<SagaCoordinatorOptions>>().Get("test-fulfil");
            Assert.Equal((TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1), 9), (coordinator.RetryDelay, coordinator.MaxRetryDelay, coordinator.CompensationRetries));
            var runner = host.Services.GetRequiredService<IOptionsMonitor<SagaRunnerOptions>>().Get("test-fulfil");
            Assert.Equal((6, 32, 11, TimeSpan.FromSeconds(12), TimeSpan.FromSeconds(13)),
                (runner.ParallelSagas, runner.Capacity, runner.CheckpointEveryEvents, runner.CheckpointInterval, runner.DrainTimeout));

            var replica = host.Services.GetRequiredService<IOptionsMonitor<StateReplicaOptions>>().Get(nameof(CustomerView));
            Assert.Equal((14, 15, TimeSpan.FromSeconds(16)), (replica.Capacity, replica.CheckpointEveryEvents, replica.CheckpointInterval));

            Assert.Equal(3, host.Services.GetRequiredService<GreetingDispatcher>().Stats.Workers);
        }
        finally
        {
            await host.StopAsync();
        }
    }

    [Fact]
    public void The_applications_own_Configure_call_comes_after_the_configuration()
    {
        var builder = Builder(Every);
        AddAll(builder);
        builder.Services.Configure<ProjectionRunnerOptions>("proj-totals", o => o.Retries = 42);
        using var host = builder.Build();

        Assert.Equal(42, host.Services.GetRequiredService<IOptionsMonitor<ProjectionRunnerOptions>>().Get("proj-totals").Retries);
        Assert.Equal(64, host.Services.GetRequiredService<ProjectionRunner<ProjTotals>>().Options.Capacity);
    }

    [Theory]
    [InlineData("Eventfold:Projections:proj-totals:Retries", "-1", "Eventfold:Projections:proj-totals:Retries must be at least 0 (it is -1).")]
    [InlineData("Eventfold:Projections:proj-totals:Capacity", "lots", "Eventfold:Projections:proj-totals:Capacity is 'lots', which is not a whole number.")]
    [InlineData("Eventfold:Projections:proj-totals:OnFailure", "Ignore", "Eventfold:Projections:proj-totals:OnFailure is 'Ignore', which is not one of Park, Stop.")]
    [InlineData("Eventfold:Projections:proj-totals:Retires", "3", "Eventfold:Projections:proj-totals:Retires is not a setting of Eventfold:Projections:proj-totals")]
    [InlineData("Eventfold:Projections:proj-totalz:Retries", "3", "Eventfold:Projections:proj-totalz names no projection added in code")]
    [InlineData("Eventfold:Projections:proj-totals:Lease:RenewEvery", "00:01:00", "Eventfold:Projections:proj-totals:Lease:RenewEvery must be positive and shorter than Eventfold:Projections:proj-totals:Lease:Duration")]
    [InlineData("Eventfold:Sagas:test-fulfil:Coordinator:MaxRetryDelay", "00:00:00.001", "Eventfold:Sagas:test-fulfil:Coordinator:MaxRetryDelay (00:00:00.0010000) must be at least Eventfold:Sagas:test-fulfil:Coordinator:RetryDelay")]
    [InlineData("Eventfold:Sagas:test-fulfil:Runner:ParallelSagas", "0", "Eventfold:Sagas:test-fulfil:Runner:ParallelSagas must be at least 1 (it is 0).")]
    [InlineData("Eventfold:Replicas:CustomerView:CheckpointInterval", "00:00:00", "Eventfold:Replicas:CustomerView:CheckpointInterval must be a positive duration")]
    [InlineData("Eventfold:StatePublishers:Capacity", "0", "Eventfold:StatePublishers:Capacity must be at least 1 (it is 0).")]
    [InlineData("Eventfold:Dispatchers:GreetingDispatcher:MaxWorkers", "2", "Eventfold:Dispatchers:GreetingDispatcher:MaxWorkers (2) must be 0 (no resizing) or at least Eventfold:Dispatchers:GreetingDispatcher:Workers (3).")]
    [InlineData("Eventfold:Stroe", "InMemory", "Eventfold:Stroe is not an Eventfold setting")]
    public async Task Bad_configuration_fails_at_start_with_a_message_naming_the_key(string key, string value, string message)
    {
        var builder = Builder(new(Every) { [key] = value });
        AddAll(builder);
        using var host = builder.Build();

        var error = await Assert.ThrowsAnyAsync<Exception>(() => host.StartAsync());

        Assert.Contains(message, Flatten(error), StringComparison.Ordinal);
    }

    [Fact]
    public void A_store_the_code_does_not_offer_is_refused_naming_the_key()
    {
        var builder = Builder(new() { ["Eventfold:Store"] = "Sqlite" });

        var error = Assert.Throws<InvalidOperationException>(() => builder.Services.AddEventfold(builder.Configuration.GetSection("Eventfold")));

        Assert.StartsWith("Eventfold:Store is 'Sqlite', but the application offers no store", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_Store_key_the_last_store_offered_in_code_is_used()
    {
        var custom = new InMemoryEventStore();
        var builder = Builder(new() { ["Eventfold:Projections:proj-totals:Retries"] = "2" });
        builder.Services.AddEventfold(builder.Configuration.GetSection("Eventfold"), o => o.UseInMemory().UseStore(_ => custom)).AddProjection<ProjTotals>();
        using var host = builder.Build();

        Assert.Same(custom, host.Services.GetRequiredService<IEventStore>());
        Assert.Equal(2, host.Services.GetRequiredService<ProjectionRunner<ProjTotals>>().Options.Retries);
    }

    internal static string Flatten(Exception e) =>
        e is AggregateException a ? string.Join("\n", a.InnerExceptions.Select(Flatten)) : e.Message + (e.InnerException is { } inner ? "\n" + Flatten(inner) : "");
}

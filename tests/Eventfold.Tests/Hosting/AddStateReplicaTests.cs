using Eventfold.Tests.Dispatching;
using Eventfold.Tests.StateTransfer;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Eventfold.Tests.Hosting;

public sealed class AddStateReplicaTests
{
    [Fact]
    public async Task A_hosted_replica_follows_saves_live()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddEventfold(o => o.UseInMemory()).AddStateReplica<CustomerView>().AddStateReplica<CustomerView>();
        using var host = builder.Build();
        var replica = host.Services.GetRequiredService<StateReplica<CustomerView>>();
        var customers = host.Services.GetRequiredService<AggregateRepository<Customer>>();
        Assert.Single(host.Services.GetServices<IHostedService>(), s => s is StateReplicaHostedService<CustomerView>);

        await host.StartAsync();
        var customer = customers.Create("c-1");
        customer.Register("Ada", "ada@example.com");
        await customers.SaveAsync(customer);
        await Eventually.True(() => replica.Get("c-1") is not null, "the first state replicated");
        customer.Rename("Ada L.");
        await customers.SaveAsync(customer);
        await Eventually.True(() => replica.Get("c-1")?.Version == 1, "the rename replicated");
        await host.StopAsync();

        Assert.Equal(new CustomerView("c-1", 1, "Ada L."), replica.Get("c-1"));
    }

    [Fact]
    public async Task The_host_runs_the_state_publisher_of_each_aggregate_so_a_state_its_save_could_not_publish_is_published()
    {
        var store = new StateTestStore(new InMemoryEventStore());
        var customers = new AggregateRepository<Customer>(store);
        var customer = customers.Create("c-1");
        customer.Register("Ada", "ada@example.com");
        store.FailStatePublishes = true;
        await customers.SaveAsync(customer); // saved, its state not published: as a crash between the two
        store.FailStatePublishes = false;
        Assert.Equal(-1, await store.GetStreamVersionAsync("customer.state-c-1"));

        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddEventfold(o => o.UseStore(_ => store)).AddStateReplica<CustomerView>();
        using var host = builder.Build();
        var publishers = Assert.Single(host.Services.GetServices<IHostedService>().OfType<StatePublishersHostedService>());
        var replica = host.Services.GetRequiredService<StateReplica<CustomerView>>();
        await host.StartAsync();
        await Eventually.True(() => replica.Get("c-1") is not null, "the missed state published and replicated");
        await host.StopAsync();

        Assert.Equal(new CustomerView("c-1", 0, "Ada"), replica.Get("c-1"));
        Assert.Contains("customer", publishers.Categories);
        Assert.Null(publishers.StoppedBy);
    }

    [Fact]
    public async Task A_service_that_only_reads_published_state_can_leave_the_publishers_out()
    {
        var services = new ServiceCollection().AddLogging();
        services.AddEventfold(o =>
        {
            o.UseInMemory();
            o.RunStatePublishers = false;
        }).AddStateReplica<CustomerView>();
        await using var provider = services.BuildServiceProvider();

        var hosted = provider.GetServices<IHostedService>().ToList();
        Assert.DoesNotContain(hosted, s => s is StatePublishersHostedService);
        Assert.Contains(hosted, s => s is StateReplicaHostedService<CustomerView>);
    }

    [Fact]
    public async Task A_hosted_replica_is_durable_in_the_containers_replica_storage()
    {
        var storage = new DictionaryReplicaStorage();
        using (var first = BuildHost(storage))
        {
            await first.StartAsync();
            var customers = first.Services.GetRequiredService<AggregateRepository<Customer>>();
            var customer = customers.Create("c-1");
            customer.Register("Ada", "ada@example.com");
            await customers.SaveAsync(customer);
            await Eventually.True(() => first.Services.GetRequiredService<StateReplica<CustomerView>>().Get("c-1") is not null, "replicated");
            await first.StopAsync();
        }

        // A new, empty event store: what the restarted replica has can only come from its storage.
        using var second = BuildHost(storage);
        await second.StartAsync();
        var replica = second.Services.GetRequiredService<StateReplica<CustomerView>>();
        await Eventually.True(() => replica.Get("c-1") is not null, "loaded from the storage");
        await second.StopAsync();

        Assert.Equal(new CustomerView("c-1", 0, "Ada"), replica.Get("c-1"));
    }

    private static IHost BuildHost(IStateReplicaStorage storage)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddSingleton(storage);
        builder.Services.AddEventfold(o => o.UseInMemory()).AddStateReplica<CustomerView>();
        return builder.Build();
    }

    /// <summary>Replica storage that outlives the hosts using it, as a consumer's own file does.</summary>
    private sealed class DictionaryReplicaStorage : IStateReplicaStorage
    {
        private readonly System.Collections.Concurrent.ConcurrentDictionary<(string, string), StoredReplicaState> _states = new();
        private readonly System.Collections.Concurrent.ConcurrentDictionary<string, GlobalPosition> _checkpoints = new();

        public Task<IReadOnlyList<StoredReplicaState>> LoadAsync(string replica, CancellationToken ct = default) =>
            Task.FromResult<IReadOnlyList<StoredReplicaState>>([.. _states.Where(p => p.Key.Item1 == replica).Select(p => p.Value)]);

        public Task SaveAsync(string replica, StoredReplicaState state, CancellationToken ct = default)
        {
            _states.AddOrUpdate((replica, state.Id), state, (_, kept) => kept.Version >= state.Version ? kept : state);
            return Task.CompletedTask;
        }

        public Task ClearAsync(string replica, CancellationToken ct = default) => Task.CompletedTask;

        public Task<GlobalPosition?> GetCheckpointAsync(string consumer, CancellationToken ct = default) =>
            Task.FromResult<GlobalPosition?>(_checkpoints.TryGetValue(consumer, out var p) ? p : null);

        public Task SetCheckpointAsync(string consumer, GlobalPosition position, CancellationToken ct = default)
        {
            _checkpoints[consumer] = position;
            return Task.CompletedTask;
        }

        public Task DeleteCheckpointAsync(string consumer, CancellationToken ct = default) => Task.CompletedTask;
    }
}

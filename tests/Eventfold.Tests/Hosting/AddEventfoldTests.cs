using Microsoft.Extensions.DependencyInjection;

namespace Eventfold.Tests.Hosting;

public sealed class AddEventfoldTests
{
    [Fact]
    public async Task The_chosen_store_is_one_singleton_disposed_with_the_container()
    {
        var services = new ServiceCollection();
        services.AddEventfold(o => o.UseInMemory());

        await using var provider = services.BuildServiceProvider();
        var store = provider.GetRequiredService<IEventStore>();

        Assert.IsType<InMemoryEventStore>(store);
        Assert.Same(store, provider.GetRequiredService<IEventStore>());
    }

    [Fact]
    public void Without_a_store_the_error_says_how_to_choose_one()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => new ServiceCollection().AddEventfold(_ => { }));

        Assert.Contains("UseSqlite", ex.Message);
    }

    [Fact]
    public async Task The_repository_interface_and_the_checkpoint_and_snapshot_stores_resolve()
    {
        var services = new ServiceCollection();
        services.AddEventfold(o => o.UseInMemory());

        await using var provider = services.BuildServiceProvider();
        var store = provider.GetRequiredService<IEventStore>();

        Assert.IsType<AggregateRepository<Aggregates.Account>>(provider.GetRequiredService<IAggregateRepository<Aggregates.Account>>());
        Assert.Same(store, provider.GetRequiredService<ICheckpointStore>());
        Assert.Same(store, provider.GetRequiredService<ISnapshotStore>());
    }
}

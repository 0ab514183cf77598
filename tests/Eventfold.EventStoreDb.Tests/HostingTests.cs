using Microsoft.Extensions.DependencyInjection;

namespace Eventfold.EventStoreDb.Tests;

public class HostingTests
{
    [Fact]
    public async Task UseEventStoreDb_registers_one_store_for_the_named_server()
    {
        var services = new ServiceCollection();
        services.AddEventfold(o => o.UseEventStoreDb("esdb://db1:2114?tls=false&nodePreference=follower"));
        await using var provider = services.BuildServiceProvider();

        var store = Assert.IsType<EventStoreDbEventStore>(provider.GetRequiredService<IEventStore>());

        Assert.Same(store, provider.GetRequiredService<IEventStore>());
        Assert.Equal(new EndPoint("db1", 2114), store.Settings.Hosts[0]);
        Assert.Equal(NodePreference.Follower, store.Settings.NodePreference);
    }

    [Fact]
    public void A_bad_connection_string_fails_at_registration()
    {
        var services = new ServiceCollection();

        Assert.Throws<InvalidConnectionStringException>(() => services.AddEventfold(o => o.UseEventStoreDb("esdb://db1?tls=perhaps")));
    }
}

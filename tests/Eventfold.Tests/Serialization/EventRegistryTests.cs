namespace Eventfold.Tests.Serialization;

public sealed class EventRegistryTests
{
    [Fact]
    public void Registering_the_same_event_twice_is_harmless()
    {
        var registry = new EventRegistry();

        registry.Register<Renamed>("renamed", 2);
        registry.Register<Renamed>("renamed", 2);

        Assert.Single(registry.All);
        Assert.True(registry.TryGet("renamed", 2, out var byName));
        Assert.Equal(typeof(Renamed), byName.ClrType);
        Assert.Equal(2, registry.LatestVersion("renamed"));
        Assert.Equal(0, registry.LatestVersion("never-registered"));
    }

    [Fact]
    public void Two_types_for_one_name_and_version_are_refused()
    {
        var registry = new EventRegistry();
        registry.Register<ParcelShippedV1>("parcel.shipped", 1);

        var ex = Assert.Throws<InvalidOperationException>(() => registry.Register<ParcelShippedV2>("parcel.shipped", 1));

        Assert.Contains(nameof(ParcelShippedV1), ex.Message);
        Assert.Contains(nameof(ParcelShippedV2), ex.Message);
    }

    [Fact]
    public void One_type_under_two_names_is_refused()
    {
        var registry = new EventRegistry();
        registry.Register<Renamed>("renamed", 1);

        Assert.Throws<InvalidOperationException>(() => registry.Register<Renamed>("other", 1));
    }

    [Fact]
    public void The_latest_version_follows_registrations_in_any_order()
    {
        var registry = new EventRegistry();
        registry.Register<ParcelShipped>("parcel.shipped", 3);
        registry.Register<ParcelShippedV1>("parcel.shipped", 1);

        Assert.Equal(3, registry.LatestVersion("parcel.shipped"));
    }
}

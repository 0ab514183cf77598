using Eventfold.EventStoreDb.Mapping;
using WireEvent = Eventfold.EventStoreDb.Protocol.Streams.ReadResp.Types.ReadEvent.Types.RecordedEvent;

namespace Eventfold.EventStoreDb.Tests;

/// <summary>Parked events on the fake cluster: kept as a history in the projection's parked stream, folded on read, out of $all.</summary>
public class ParkedEventTests
{
    // The test serializer knows only ItemAdded and ItemRemoved: a parked record reaching it would throw.
    private static readonly EventStoreOptions Options = new() { Serializer = TestEvents.Serializer };

    private static EventStoreDbEventStore Store(FakeCluster cluster) =>
        new(ConnectionString.Parse("esdb://solo?tls=false"), Options, cluster, new Random(7));

    private static ParkedEvent Parked(ulong at, int attempts = 3, string error = "InvalidOperationException: down") =>
        new("totals", "order-" + at, (long)at, new GlobalPosition(at, at), Guid.NewGuid(), "order.placed", error, attempts,
            new DateTimeOffset(2026, 12, 2, 5, 0, 0, TimeSpan.Zero));

    private static List<WireEvent> EventsOf(FakeCluster cluster, string stream) =>
        [.. cluster.Log.Where(e => e.StreamIdentifier.StreamName.ToStringUtf8() == stream)];

    [Fact]
    public async Task Parked_records_are_listed_in_log_order_a_repark_replaces_and_a_removal_ends_one()
    {
        var cluster = new FakeCluster("solo");
        await using var store = Store(cluster);
        var late = Parked(900);
        var early = Parked(100);

        await store.ParkAsync(late);
        await store.ParkAsync(early);
        await store.ParkAsync(late with { Attempts = 4, Error = "TimeoutException: again" });

        Assert.Equal([early, late with { Attempts = 4, Error = "TimeoutException: again" }], await store.ListAsync("totals"));
        Assert.Empty(await store.ListAsync("other"));

        Assert.True(await store.RemoveAsync("totals", early.Position));
        Assert.False(await store.RemoveAsync("totals", early.Position));
        Assert.False(await store.RemoveAsync("totals", new GlobalPosition(5, 5)));

        Assert.Equal([late.Position], (await store.ListAsync("totals")).Select(p => p.Position));
        Assert.Equal(
            [ParkedMapping.ParkedType, ParkedMapping.ParkedType, ParkedMapping.ParkedType, ParkedMapping.UnparkedType],
            EventsOf(cluster, "eventfold.parked-totals").Select(e => e.Metadata[EventMapping.TypeKey]));
        Assert.Empty(EventsOf(cluster, "$$eventfold.parked-totals")); // still something parked: nothing to truncate
    }

    [Fact]
    public async Task Once_nothing_is_parked_the_stream_is_truncated_after_its_last_marker()
    {
        var cluster = new FakeCluster("solo");
        await using var store = Store(cluster);
        await store.ParkAsync(Parked(100));
        await store.ParkAsync(Parked(200));

        await store.RemoveAsync("totals", new GlobalPosition(100, 100));
        await store.RemoveAsync("totals", new GlobalPosition(200, 200));

        var metadata = Assert.Single(EventsOf(cluster, "$$eventfold.parked-totals"));
        Assert.Equal("""{"$tb":4}""", metadata.Data.ToStringUtf8());
        Assert.Empty(await store.ListAsync("totals"));
    }

    [Fact]
    public async Task Of_two_racing_removals_of_one_record_only_one_is_told_it_removed_it()
    {
        var cluster = new FakeCluster("solo");
        await using var store = Store(cluster);
        await using var other = Store(cluster);
        var parked = Parked(100);
        await store.ParkAsync(parked);
        await store.ParkAsync(Parked(200));
        bool? otherRemoved = null;
        cluster.BeforeNextAppend = _ => otherRemoved = Task.Run(() => other.RemoveAsync("totals", parked.Position)).GetAwaiter().GetResult();

        bool removed = await store.RemoveAsync("totals", parked.Position);

        Assert.True(otherRemoved);
        Assert.False(removed);
        Assert.Single(EventsOf(cluster, "eventfold.parked-totals"), e => e.Metadata[EventMapping.TypeKey] == ParkedMapping.UnparkedType);
    }

    [Fact]
    public async Task Readers_of_all_never_meet_parked_records()
    {
        var cluster = new FakeCluster("solo");
        await using var store = Store(cluster);
        await store.AppendAsync("cart-1", ExpectedVersion.Any, [EventData.From(new ItemAdded("a", 1))]);
        await store.ParkAsync(Parked(100));
        await store.RemoveAsync("totals", new GlobalPosition(100, 100));
        await store.AppendAsync("cart-1", ExpectedVersion.Any, [EventData.From(new ItemRemoved("a"))]);

        var read = await store.ReadAllAsync(GlobalPosition.Start).ToListAsync();

        Assert.Equal(["cart-1", "cart-1"], read.Select(e => e.Stream));
        Assert.True(InternalStreams.IsInternal("eventfold.parked-totals"));
    }

    [Fact]
    public async Task An_unreadable_record_in_a_parked_stream_fails_with_its_stream_and_version()
    {
        var cluster = new FakeCluster("solo");
        await using var store = Store(cluster);
        await store.ParkAsync(Parked(100));
        var bad = InternalMessage.Create(ParkedMapping.ParkedType, "{\"commit\":1}"u8.ToArray(), []);
        await store.AppendInternalAsync("eventfold.parked-totals", ExpectedVersion.Any, bad, default);

        var error = await Assert.ThrowsAsync<EventDeserializationException>(() => store.ListAsync("totals"));

        Assert.Contains("eventfold.parked-totals", error.Message, StringComparison.Ordinal);
        Assert.Contains("1", error.Message, StringComparison.Ordinal);
    }
}

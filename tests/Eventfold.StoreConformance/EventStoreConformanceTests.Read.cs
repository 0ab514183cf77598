namespace Eventfold.StoreConformance;

public abstract partial class EventStoreConformanceTests
{
    [SkippableFact]
    public async Task A_missing_stream_reads_as_empty_at_version_minus_one()
    {
        var stream = NewStream();

        Assert.Empty(await Store.ReadStreamAsync(stream).ToListAsync());
        Assert.Empty(await Store.ReadStreamAsync(stream, StreamReadOptions.Backwards).ToListAsync());
        Assert.Equal(-1, await Store.GetStreamVersionAsync(stream));
    }

    [SkippableFact]
    public async Task Streams_read_forwards_from_a_version_with_a_limit()
    {
        var stream = NewStream();
        await Store.AppendAsync(stream, ExpectedVersion.NoStream, Items(10));

        var read = await Store.ReadStreamAsync(stream, new StreamReadOptions(ReadDirection.Forwards, FromVersion: 4, MaxCount: 3)).ToListAsync();

        Assert.Equal([4L, 5L, 6L], read.Select(e => e.Version));
        Assert.Equal(9, await Store.GetStreamVersionAsync(stream));
    }

    [SkippableFact]
    public async Task Streams_read_backwards_from_the_end_or_from_a_version()
    {
        var stream = NewStream();
        await Store.AppendAsync(stream, ExpectedVersion.NoStream, Items(5));

        var fromEnd = await Store.ReadStreamAsync(stream, StreamReadOptions.Backwards).ToListAsync();
        var fromThree = await Store.ReadStreamAsync(stream, new StreamReadOptions(ReadDirection.Backwards, FromVersion: 3, MaxCount: 2)).ToListAsync();

        Assert.Equal([4L, 3L, 2L, 1L, 0L], fromEnd.Select(e => e.Version));
        Assert.Equal([3L, 2L], fromThree.Select(e => e.Version));
        Assert.Equal(new ItemAdded("sku-3", 3), fromThree[0].Event);
    }

    [SkippableFact]
    public async Task Streams_do_not_see_each_others_events()
    {
        var a = NewStream();
        var b = NewStream();
        await Store.AppendAsync(a, ExpectedVersion.NoStream, Items(2));
        await Store.AppendAsync(b, ExpectedVersion.NoStream, Items(3, 10));

        Assert.Equal(2, await Store.ReadStreamAsync(a).CountAsync());
        Assert.Equal(["sku-10", "sku-11", "sku-12"], await Store.ReadStreamAsync(b).Select(e => ((ItemAdded)e.Event).Sku).ToListAsync());
    }

    [SkippableFact]
    public async Task The_global_log_holds_every_stream_in_append_order()
    {
        var a = NewStream();
        var b = NewStream();
        await Store.AppendAsync(a, ExpectedVersion.NoStream, Items(2));
        await Store.AppendAsync(b, ExpectedVersion.NoStream, Items(1, 2));
        await Store.AppendAsync(a, 1, Items(1, 3));

        var all = await Store.ReadAllAsync(GlobalPosition.Start, OwnStreams).ToListAsync();

        Assert.Equal([(a, 0L), (a, 1L), (b, 0L), (a, 2L)], all.Select(e => (e.Stream, e.Version)));
        Assert.Equal(all.Select(e => e.Position).Order(), all.Select(e => e.Position));
        Assert.Equal(all.Count, all.Select(e => e.Position).Distinct().Count());
    }

    [SkippableFact]
    public async Task The_global_log_reads_from_a_position_inclusively()
    {
        var stream = NewStream();
        await Store.AppendAsync(stream, ExpectedVersion.NoStream, Items(5));
        var all = await Store.ReadAllAsync(GlobalPosition.Start, OwnStreams).ToListAsync();

        var fromThird = await Store.ReadAllAsync(all[2].Position, OwnStreams).ToListAsync();

        Assert.Equal([2L, 3L, 4L], fromThird.Select(e => e.Version));
    }

    [SkippableFact]
    public async Task The_global_log_filters_by_event_name_and_stream_prefix()
    {
        var carts = NewStream("cart");
        var orders = NewStream("order");
        await Store.AppendAsync(carts, ExpectedVersion.NoStream, new object[] { new ItemAdded("a", 1), new ItemRemoved("a") });
        await Store.AppendAsync(orders, ExpectedVersion.NoStream, new object[] { new ItemRemoved("b"), new ItemAdded("b", 2) });

        var removals = await Store.ReadAllAsync(GlobalPosition.Start, OwnStreams with { EventNames = ["conformance.item-removed"] }).ToListAsync();
        var orderEvents = await Store.ReadAllAsync(GlobalPosition.Start, EventFilter.ForStreamPrefixes(Prefix + "order")).ToListAsync();

        Assert.Equal([new ItemRemoved("a"), new ItemRemoved("b")], removals.Select(e => e.Event));
        Assert.Equal([orders, orders], orderEvents.Select(e => e.Stream));
    }
}

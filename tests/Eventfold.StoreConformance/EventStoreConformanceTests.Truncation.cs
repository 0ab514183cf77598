namespace Eventfold.StoreConformance;

// A stream's max count (IStreamTruncation): only the newest events are kept, the stream's version and the kept
// events' positions stay, and appends go on where they were.
public abstract partial class EventStoreConformanceTests
{
    /// <summary>Whether dropped events leave the global log at once (EventStoreDB removes them at its next scavenge).</summary>
    protected virtual bool DropsTruncatedEventsFromTheLogAtOnce => true;

    private IStreamTruncation Truncation => Assert.IsAssignableFrom<IStreamTruncation>(Store);

    [SkippableFact]
    public async Task A_stream_with_a_max_count_reads_only_its_newest_events_at_their_versions_and_positions()
    {
        var stream = NewStream();
        var other = NewStream();
        await Store.AppendAsync(stream, ExpectedVersion.NoStream, Items(5));
        await Store.AppendAsync(other, ExpectedVersion.NoStream, Items(2, 100));
        var before = await Store.ReadStreamAsync(stream).ToListAsync();

        await Truncation.SetStreamMaxCountAsync(stream, 2);

        var kept = await Store.ReadStreamAsync(stream).ToListAsync();
        Assert.Equal([3L, 4L], kept.Select(e => e.Version));
        Assert.Equal(before[3..].Select(e => (e.Position, e.EventId)), kept.Select(e => (e.Position, e.EventId)));
        Assert.Equal(new ItemAdded("sku-4", 4), kept[1].Event);
        Assert.Equal([4L, 3L], await Store.ReadStreamAsync(stream, StreamReadOptions.Backwards).Select(e => e.Version).ToListAsync());
        Assert.Equal([3L], await Store.ReadStreamAsync(stream, new StreamReadOptions(ReadDirection.Forwards, FromVersion: 1, MaxCount: 1)).Select(e => e.Version).ToListAsync());
        Assert.Empty(await Store.ReadStreamAsync(stream, new StreamReadOptions(ReadDirection.Backwards, FromVersion: 2)).ToListAsync());
        Assert.Equal(4, await Store.GetStreamVersionAsync(stream));
        Assert.Equal(2, await Store.ReadStreamAsync(other).CountAsync());
    }

    [SkippableFact]
    public async Task Appends_go_on_at_the_streams_version_and_the_limit_lasts_for_them()
    {
        var stream = NewStream();
        await Truncation.SetStreamMaxCountAsync(stream, 3); // before the stream exists

        for (int i = 0; i < 10; i++)
        {
            await Store.AppendAsync(stream, i == 0 ? ExpectedVersion.NoStream : ExpectedVersion.Exactly(i - 1), Items(1, i));
        }

        Assert.Equal([7L, 8L, 9L], await Store.ReadStreamAsync(stream).Select(e => e.Version).ToListAsync());
        Assert.Equal(["sku-7", "sku-8", "sku-9"], await Store.ReadStreamAsync(stream).Select(e => ((ItemAdded)e.Event).Sku).ToListAsync());
        Assert.Equal(9, await Store.GetStreamVersionAsync(stream));
        var stale = await Assert.ThrowsAsync<WrongExpectedVersionException>(() => Store.AppendAsync(stream, ExpectedVersion.Exactly(3), Items(1, 50)));
        Assert.Equal(9, stale.ActualVersion);
        var appended = await Store.AppendAsync(stream, ExpectedVersion.Any, Items(1, 60));
        Assert.Equal(appended, await LastOf(stream));
        Assert.Equal(10, appended.NextExpectedVersion);

        // Setting it again replaces the limit.
        await Truncation.SetStreamMaxCountAsync(stream, 1);
        Assert.Equal([10L], await Store.ReadStreamAsync(stream).Select(e => e.Version).ToListAsync());
    }

    [SkippableFact]
    public async Task The_kept_events_stay_in_the_global_log_and_the_dropped_ones_leave_it()
    {
        var stream = NewStream();
        var other = NewStream();
        await Store.AppendAsync(stream, ExpectedVersion.NoStream, Items(4));
        await Store.AppendAsync(other, ExpectedVersion.NoStream, Items(1, 100));
        await Store.AppendAsync(stream, ExpectedVersion.Exactly(3), Items(1, 4));

        await Truncation.SetStreamMaxCountAsync(stream, 2);

        var log = await Store.ReadAllAsync(GlobalPosition.Start, OwnStreams).ToListAsync();
        var subscribed = await TakeUntil(Store.SubscribeToAllAsync(null, Own), m => m is CaughtUp);
        var kept = log.Where(e => e.Stream == stream).Select(e => e.Version).ToList();
        Assert.Contains(log, e => e.Stream == other);
        Assert.Equal([3L, 4L], kept.Where(v => v >= 3));
        Assert.True(log.Select(e => e.Position).SequenceEqual(log.Select(e => e.Position).Order()), "the log stays in position order");
        if (DropsTruncatedEventsFromTheLogAtOnce)
        {
            Assert.Equal([3L, 4L], kept);
            Assert.Equal([(stream, 3L), (other, 0L), (stream, 4L)], subscribed.OfType<RecordedEvent>().Select(e => (e.Stream, e.Version)));
        }
    }

    [SkippableFact]
    public async Task A_max_count_below_one_or_on_a_bad_stream_name_is_refused()
    {
        var stream = NewStream();

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Truncation.SetStreamMaxCountAsync(stream, 0));
        await Assert.ThrowsAsync<InvalidStreamNameException>(() => Truncation.SetStreamMaxCountAsync("$bad", 1));
    }

    private async Task<AppendResult> LastOf(string stream)
    {
        var last = await Store.ReadStreamAsync(stream, StreamReadOptions.Backwards with { MaxCount = 1 }).SingleAsync();
        return new AppendResult(last.Version, last.Position);
    }
}

namespace Eventfold.StoreConformance;

public abstract partial class EventStoreConformanceTests
{
    [SkippableFact]
    public async Task A_subscription_to_the_log_catches_up_then_follows_live_appends_without_gaps_or_duplicates()
    {
        var stream = NewStream();
        await Store.AppendAsync(stream, ExpectedVersion.NoStream, Items(20));

        var subscription = TakeEvents(Store.SubscribeToAllAsync(null, Own), 60);
        for (int batch = 0; batch < 4; batch++)
        {
            await Store.AppendAsync(stream, 19 + (batch * 10), Items(10, 20 + (batch * 10)));
        }

        var seen = await subscription;

        Assert.Equal(Enumerable.Range(0, 60).Select(i => (long)i), seen.Select(e => e.Version));
    }

    [SkippableFact]
    public async Task A_subscription_to_the_log_resumes_after_a_checkpoint()
    {
        var stream = NewStream();
        await Store.AppendAsync(stream, ExpectedVersion.NoStream, Items(5));
        var all = await Store.ReadAllAsync(GlobalPosition.Start, OwnStreams).ToListAsync();

        var resumed = TakeEvents(Store.SubscribeToAllAsync(all[2].Position, Own), 3);
        await Store.AppendAsync(stream, 4, Items(1, 5));

        Assert.Equal([3L, 4L, 5L], (await resumed).Select(e => e.Version));
    }

    [SkippableFact]
    public async Task A_filtered_subscription_receives_only_matching_events()
    {
        var stream = NewStream();
        var removals = TakeEvents(Store.SubscribeToAllAsync(null, SubscriptionOptions.For(OwnStreams with { EventNames = ["conformance.item-removed"] })), 2);

        await Store.AppendAsync(stream, ExpectedVersion.NoStream, new object[] { new ItemAdded("a", 1), new ItemRemoved("a") });
        await Store.AppendAsync(stream, 1, new object[] { new ItemAdded("b", 1), new ItemRemoved("b") });

        Assert.Equal([new ItemRemoved("a"), new ItemRemoved("b")], (await removals).Select(e => e.Event));
    }

    [SkippableFact]
    public async Task A_subscription_to_a_stream_starts_after_the_given_version_and_follows_it()
    {
        var stream = NewStream();
        var other = NewStream();
        await Store.AppendAsync(stream, ExpectedVersion.NoStream, Items(3));

        var followed = Take(Store.SubscribeToStreamAsync(stream, afterVersion: 0), 4);
        await Store.AppendAsync(other, ExpectedVersion.NoStream, Items(2));
        await Store.AppendAsync(stream, 2, Items(2, 3));

        var seen = await followed;
        Assert.Equal([1L, 2L, 3L, 4L], seen.Select(e => e.Version));
        Assert.All(seen, e => Assert.Equal(stream, e.Stream));
    }

    [SkippableFact]
    public async Task A_subscription_ends_when_cancelled()
    {
        using var cts = new CancellationTokenSource();
        var stream = NewStream();
        await Store.AppendAsync(stream, ExpectedVersion.NoStream, Items(1));
        int received = 0;

        var consumer = Task.Run(async () =>
        {
            await foreach (var message in Store.SubscribeToAllAsync(null, Own, cts.Token))
            {
                if (message is RecordedEvent && Interlocked.Increment(ref received) == 1)
                {
                    await cts.CancelAsync();
                }
            }
        });

        var ended = await Record.ExceptionAsync(() => consumer.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.True(ended is null or OperationCanceledException, $"Unexpected: {ended}");
        Assert.Equal(1, received);
    }
}

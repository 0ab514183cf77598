namespace Eventfold.StoreConformance;

public abstract partial class EventStoreConformanceTests
{
    [SkippableFact]
    public async Task A_subscription_signals_caught_up_then_delivers_an_event_appended_live()
    {
        var stream = NewStream();
        await Store.AppendAsync(stream, ExpectedVersion.NoStream, Items(2));
        await using var subscription = Store.SubscribeToAllAsync(null, Own).GetAsyncEnumerator();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));

        var history = new List<RecordedEvent>();
        while (await subscription.MoveNextAsync().AsTask().WaitAsync(timeout.Token) && subscription.Current is not CaughtUp)
        {
            if (subscription.Current is RecordedEvent e)
            {
                history.Add(e);
            }
        }

        Assert.Equal([0L, 1L], history.Select(e => e.Version));
        var appended = await Store.AppendAsync(stream, 1, Items(1, 2));

        RecordedEvent? live = null;
        while (live is null && await subscription.MoveNextAsync().AsTask().WaitAsync(timeout.Token))
        {
            live = subscription.Current as RecordedEvent;
        }

        Assert.Equal(2L, live!.Version);
        Assert.Equal(appended.Position, live.Position);
        Assert.Equal(new ItemAdded("sku-2", 2), live.Event);
    }

    [SkippableFact]
    public async Task A_subscription_whose_filter_matches_nothing_still_reports_how_far_it_has_scanned()
    {
        var stream = NewStream();
        var appended = await Store.AppendAsync(stream, ExpectedVersion.NoStream, Items(3));
        var nothing = SubscriptionOptions.For(OwnStreams with { EventNames = ["conformance.never-written"] });

        // Scanned past the three events without yielding one: a checkpoint at or past the last of them.
        var messages = await TakeUntil(
            Store.SubscribeToAllAsync(null, nothing), m => m is SubscriptionCheckpoint c && c.Position >= appended.Position, TimeSpan.FromSeconds(30));

        Assert.DoesNotContain(messages, m => m is RecordedEvent);
        var checkpoint = Assert.IsType<SubscriptionCheckpoint>(messages[^1]);

        // Resuming after that checkpoint yields only what is appended later.
        var later = TakeEvents(Store.SubscribeToAllAsync(checkpoint.Position, Own), 1);
        await Store.AppendAsync(stream, 2, Items(1, 3));
        Assert.Equal(3L, Assert.Single(await later).Version);
    }

    [SkippableFact]
    public async Task A_subscription_signals_caught_up_once_even_when_its_filter_matches_nothing()
    {
        var stream = NewStream();
        await Store.AppendAsync(stream, ExpectedVersion.NoStream, Items(2));
        var nothing = SubscriptionOptions.For(OwnStreams with { EventNames = ["conformance.never-written"] });

        var messages = await TakeUntil(Store.SubscribeToAllAsync(null, nothing), m => m is CaughtUp, TimeSpan.FromSeconds(30));

        Assert.IsType<CaughtUp>(messages[^1]);
        Assert.DoesNotContain(messages, m => m is RecordedEvent);
    }

    [SkippableFact]
    public async Task Disposing_the_store_ends_its_live_subscriptions_and_refuses_later_appends()
    {
        var stream = NewStream();
        await Store.AppendAsync(stream, ExpectedVersion.NoStream, Items(1));
        var consumer = Task.Run(async () =>
        {
            await foreach (var _ in Store.SubscribeToAllAsync(null, Own))
            {
            }
        });
        await Task.Delay(300);

        await Store.DisposeAsync();

        var ended = await Record.ExceptionAsync(() => consumer.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.IsAssignableFrom<ObjectDisposedException>(ended);
        await Assert.ThrowsAnyAsync<ObjectDisposedException>(() => Store.AppendAsync(stream, 0, Items(1, 1)));
    }

    [SkippableFact]
    public async Task Cancelling_a_read_stops_it_at_the_next_event()
    {
        var stream = NewStream();
        await Store.AppendAsync(stream, ExpectedVersion.NoStream, Items(50));
        using var cts = new CancellationTokenSource();
        int read = 0;

        var error = await Record.ExceptionAsync(async () =>
        {
            await foreach (var _ in Store.ReadStreamAsync(stream, StreamReadOptions.Forwards, cts.Token))
            {
                if (++read == 3)
                {
                    await cts.CancelAsync();
                }
            }
        });

        Assert.IsAssignableFrom<OperationCanceledException>(error);
        Assert.Equal(3, read);
    }
}

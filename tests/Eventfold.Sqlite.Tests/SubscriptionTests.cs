namespace Eventfold.Sqlite.Tests;

public sealed class SubscriptionTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);
    private readonly TempDatabase _db = new();

    public void Dispose() => _db.Dispose();

    [Fact]
    public async Task A_subscription_to_all_catches_up_then_follows_appends_in_this_process_without_polling()
    {
        await using var store = new SqliteEventStore(_db.Path, TestEvents.Options(readPageSize: 2, pollInterval: Timeout.InfiniteTimeSpan));
        await store.AppendAsync("a", ExpectedVersion.Any, TestEvents.Added(3));

        using var cts = new CancellationTokenSource(Patience);
        var received = new List<RecordedEvent>();
        await using var subscription = store.SubscribeToAllAsync(null, null, cts.Token).OfType<RecordedEvent>().GetAsyncEnumerator(cts.Token);
        for (int i = 0; i < 3; i++)
        {
            Assert.True(await subscription.MoveNextAsync());
            received.Add(subscription.Current);
        }

        var next = subscription.MoveNextAsync().AsTask();
        await store.AppendAsync("b", ExpectedVersion.Any, TestEvents.Added(2, "live"));
        Assert.True(await next);
        received.Add(subscription.Current);
        Assert.True(await subscription.MoveNextAsync());
        received.Add(subscription.Current);

        Assert.Equal([1UL, 2, 3, 4, 5], received.Select(e => e.Position.Commit));
    }

    [Fact]
    public async Task A_subscription_starts_after_the_given_position_and_applies_its_filter()
    {
        await using var store = new SqliteEventStore(_db.Path, TestEvents.Options());
        await store.AppendAsync("cart-1", ExpectedVersion.Any, [TestEvents.Added("a"), TestEvents.Removed("a"), TestEvents.Added("b")]);

        using var cts = new CancellationTokenSource(Patience);
        await using var subscription = store.SubscribeToAllAsync(GlobalPosition.FromSequence(1), SubscriptionOptions.For(EventFilter.ForEventNames("ItemAdded")), cts.Token).OfType<RecordedEvent>()
            .GetAsyncEnumerator(cts.Token);
        Assert.True(await subscription.MoveNextAsync());
        Assert.Equal(3UL, subscription.Current.Position.Commit);

        var next = subscription.MoveNextAsync().AsTask();
        await store.AppendAsync("cart-1", ExpectedVersion.Any, [TestEvents.Removed("b"), TestEvents.Added("c")]);
        Assert.True(await next);
        Assert.Equal(5UL, subscription.Current.Position.Commit);
    }

    [Fact]
    public async Task A_subscription_sees_appends_made_through_another_store_on_the_same_file_by_polling()
    {
        await using var reader = new SqliteEventStore(_db.Path, TestEvents.Options(pollInterval: TimeSpan.FromMilliseconds(20)));
        await using var writer = new SqliteEventStore(_db.Path, TestEvents.Options());
        await writer.AppendAsync("cart-1", ExpectedVersion.Any, [TestEvents.Added("a")]);

        using var cts = new CancellationTokenSource(Patience);
        await using var subscription = reader.SubscribeToStreamAsync("cart-1", 0, cts.Token).GetAsyncEnumerator(cts.Token);
        var next = subscription.MoveNextAsync().AsTask();
        await Task.Delay(50);
        await writer.AppendAsync("cart-2", ExpectedVersion.Any, [TestEvents.Added("elsewhere")]);
        await writer.AppendAsync("cart-1", ExpectedVersion.Any, [TestEvents.Added("b"), TestEvents.Added("c")]);

        Assert.True(await next);
        Assert.Equal(1, subscription.Current.Version);
        Assert.True(await subscription.MoveNextAsync());
        Assert.Equal(2, subscription.Current.Version);
        Assert.Equal("c", ((ItemAdded)subscription.Current.Event).Sku);
    }

    [Fact]
    public async Task Cancelling_a_waiting_subscription_ends_it()
    {
        await using var store = new SqliteEventStore(_db.Path, TestEvents.Options());
        using var cts = new CancellationTokenSource();
        var enumerator = store.SubscribeToAllAsync(null, null, cts.Token).OfType<RecordedEvent>().GetAsyncEnumerator(cts.Token);
        var next = enumerator.MoveNextAsync().AsTask();
        await Task.Delay(50);
        cts.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => next);
        await enumerator.DisposeAsync();
    }

    [Fact]
    public async Task A_filtered_subscription_does_not_reread_events_it_has_already_passed()
    {
        await using var store = new SqliteEventStore(_db.Path, TestEvents.Options(pollInterval: TimeSpan.FromMilliseconds(20)));
        await store.AppendAsync("cart-1", ExpectedVersion.Any, [TestEvents.Added("a"), TestEvents.Added("skipped")]);

        using var cts = new CancellationTokenSource(Patience);
        await using var subscription = store.SubscribeToAllAsync(null, SubscriptionOptions.For(EventFilter.ForEventNames("ItemRemoved")), cts.Token).OfType<RecordedEvent>().GetAsyncEnumerator(cts.Token);
        var next = subscription.MoveNextAsync().AsTask();
        await Task.Delay(200); // several polls pass over positions 1 and 2, which do not match

        // Rewriting a passed event so it would match must not bring it back: the poll resumes after what it scanned.
        using (var raw = SchemaTests.OpenRaw(_db.Path))
        {
            SchemaTests.Query(raw, "UPDATE events SET event_name = 'ItemRemoved', data = CAST('{\"sku\":\"rewritten\"}' AS BLOB), checksum = NULL WHERE position = 2;");
        }

        await Task.Delay(100);
        await store.AppendAsync("cart-1", ExpectedVersion.Any, [TestEvents.Removed("b")]);
        Assert.True(await next);
        Assert.Equal(("b", 3UL), (((ItemRemoved)subscription.Current.Event).Sku, subscription.Current.Position.Commit));
    }

    [Fact]
    public async Task One_filtered_subscription_enumerated_twice_reads_from_its_start_both_times()
    {
        await using var store = new SqliteEventStore(_db.Path, TestEvents.Options());
        await store.AppendAsync("cart-1", ExpectedVersion.Any, [TestEvents.Added("a"), TestEvents.Removed("a"), TestEvents.Removed("b")]);
        using var cts = new CancellationTokenSource(Patience);
        var subscription = store.SubscribeToAllAsync(null, SubscriptionOptions.For(EventFilter.ForEventNames("ItemRemoved")), cts.Token).OfType<RecordedEvent>();

        for (int pass = 0; pass < 2; pass++)
        {
            var taken = new List<ulong>();
            await foreach (var e in subscription.WithCancellation(cts.Token))
            {
                taken.Add(e.Position.Commit);
                if (taken.Count == 2)
                {
                    break;
                }
            }

            Assert.Equal([2UL, 3], taken);
        }
    }
}

using System.Diagnostics;

namespace Eventfold.EventStoreDb.Tests;

/// <summary>
/// Every call to a node shares its channel: one call's failure must not close it under the others,
/// a node too busy to serve is waited for rather than dropped, and no call ever gets a closed channel.
/// </summary>
public class SharedChannelTests
{
    private static readonly EventStoreOptions Options = new() { Serializer = TestEvents.Serializer };

    private static EventStoreDbEventStore Store(FakeCluster cluster, string connectionString) =>
        new(ConnectionString.Parse(connectionString), Options, cluster, new Random(7));

    private static EventData[] Added(string sku) => [EventData.From(new ItemAdded(sku, 1))];

    [Fact]
    public async Task One_calls_failure_does_not_close_the_channel_under_a_running_subscription()
    {
        var cluster = new FakeCluster("solo");
        await using var store = Store(cluster, "esdb://solo?tls=false&discoveryInterval=1");
        await store.AppendAsync("cart-sub", ExpectedVersion.NoStream, Added("a"));
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await using var subscription = store.SubscribeToStreamAsync("cart-sub", null, cts.Token).GetAsyncEnumerator(cts.Token);
        Assert.True(await subscription.MoveNextAsync());

        cluster["solo"].FailNextCalls = 1; // the next call, an append, finds the connection reset
        await store.AppendAsync("cart-sub", 0, Added("b"));
        var next = subscription.MoveNextAsync().AsTask();
        await Task.Delay(200);

        Assert.Equal(0, cluster.DisposedChannels); // the subscription still runs on the first channel
        Assert.False(next.IsCompleted);
        Assert.Equal(1, cluster.Calls.Count(c => c.Method == "Read"));
        Assert.Equal(2, cluster.Opened.Count); // the append went on on a new channel

        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await next);
        await subscription.DisposeAsync();
        Assert.Equal(1, cluster.DisposedChannels); // the first channel closed with its last call
    }

    [Fact]
    public async Task A_server_too_busy_for_a_read_is_asked_again_after_growing_pauses_on_the_same_channel()
    {
        var cluster = new FakeCluster("solo");
        await using var store = Store(cluster, "esdb://solo?tls=false&discoveryInterval=40");
        await store.AppendAsync("cart-busy", ExpectedVersion.NoStream, Added("a"));
        cluster["solo"].BusyNextCalls = 3;
        var clock = Stopwatch.StartNew();

        Assert.Equal(0, await store.GetStreamVersionAsync("cart-busy"));

        Assert.Single(cluster.Opened);
        Assert.Equal(0, cluster.DisposedChannels);
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(40 + 80 + 160), $"took {clock.Elapsed}: the pauses did not grow");
    }

    [Fact]
    public async Task A_server_too_busy_for_an_append_is_asked_again_on_the_same_channel()
    {
        var cluster = new FakeCluster("a", "b");
        await using var store = Store(cluster, "esdb://a,b?tls=false&discoveryInterval=10");
        await store.AppendAsync("cart-busy-2", ExpectedVersion.NoStream, Added("a"));
        int gossipBefore = cluster.Calls.Count(c => c.Method == "Read.Gossip");
        cluster["a"].BusyNextCalls = 3;

        await store.AppendAsync("cart-busy-2", 0, Added("b"));

        Assert.Single(cluster.Opened, e => e.Host == "a");
        Assert.Equal(gossipBefore, cluster.Calls.Count(c => c.Method == "Read.Gossip")); // no discovery again
        Assert.Equal(5, cluster.Calls.Count(c => c.Method == "BatchAppend"));
        Assert.Equal(2, cluster.Log.Count);
    }

    [Fact]
    public async Task A_server_that_stays_too_busy_fails_in_bounded_time_saying_so()
    {
        var cluster = new FakeCluster("solo");
        await using var store = Store(cluster, "esdb://solo?tls=false&discoveryInterval=1&maxDiscoverAttempts=4");
        cluster["solo"].BusyNextCalls = 1000;

        var ex = await Assert.ThrowsAsync<EventStoreDbUnavailableException>(() => store.GetStreamVersionAsync("cart-busy-3"));

        Assert.Contains("solo:2113: too busy to serve (Server Is Too Busy) (4 times)", ex.Message, StringComparison.Ordinal);
        Assert.Single(cluster.Opened);
    }

    [Fact]
    public async Task Calls_racing_with_failures_never_get_a_closed_channel()
    {
        var cluster = new FakeCluster("solo");
        await using var store = Store(cluster, "esdb://solo?tls=false&discoveryInterval=1&maxDiscoverAttempts=1000");
        using var stop = new CancellationTokenSource();
        var chaos = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                cluster["solo"].FailNextCalls = 1; // the next call fails, and every call running on its channel with it
                await Task.Delay(2);
            }
        });

        const int RacedChannels = 10;
        var writers = Enumerable.Range(0, 4).Select(w => Task.Run(async () =>
        {
            // At least 150 rounds each, and on until the failures have replaced the channel often enough: on a fast
            // run 600 rounds can finish between a few of the chaos task's timer ticks.
            for (int i = 0; i < 150 || cluster.OpenedCount <= RacedChannels; i++)
            {
                await store.AppendAsync($"cart-race-{w}", ExpectedVersion.Any, Added($"{i}"));
                await store.GetStreamVersionAsync($"cart-race-{w}");
            }
        })).ToArray();
        try
        {
            await Task.WhenAll(writers).WaitAsync(TimeSpan.FromSeconds(60));
        }
        finally
        {
            await stop.CancelAsync();
            await chaos;
        }

        Assert.True(cluster.Opened.Count > RacedChannels, $"only {cluster.Opened.Count} channels: the race was not run");
        Assert.True(cluster.Log.Count >= 600);
    }
}

using System.Diagnostics;

namespace Eventfold.EventStoreDb.Tests;

/// <summary>
/// A deadline bounds unary calls and the wait for a stream's first answer, never a stream as a whole;
/// a read cut off mid-way goes on after the last event it yielded.
/// </summary>
public class StreamingDeadlineTests
{
    private static readonly EventStoreOptions Options = new() { Serializer = TestEvents.Serializer };

    private static EventStoreDbEventStore Store(FakeCluster cluster, string query) =>
        new(ConnectionString.Parse($"esdb://solo?tls=false&discoveryInterval=1&{query}"), Options, cluster, new Random(7));

    private static EventData[] Added(int count) => [.. Enumerable.Range(0, count).Select(i => EventData.From(new ItemAdded($"sku-{i}", i)))];

    [Fact]
    public async Task A_slow_consumer_of_a_read_of_all_is_not_cut_off_by_the_deadline()
    {
        var cluster = new FakeCluster("solo");
        await using var store = Store(cluster, "defaultDeadline=300");
        await store.AppendAsync("cart-slow", ExpectedVersion.NoStream, Added(6));

        var seen = new List<long>();
        await foreach (var e in store.ReadAllAsync(GlobalPosition.Start))
        {
            seen.Add(e.Version);
            await Task.Delay(100); // 6 × 100 ms: twice the deadline
        }

        Assert.Equal([0L, 1, 2, 3, 4, 5], seen);
    }

    [Fact]
    public async Task A_slow_consumer_of_a_stream_read_is_not_cut_off_by_the_deadline()
    {
        var cluster = new FakeCluster("solo");
        await using var store = Store(cluster, "defaultDeadline=300");
        await store.AppendAsync("cart-slow-2", ExpectedVersion.NoStream, Added(6));

        var seen = new List<long>();
        await foreach (var e in store.ReadStreamAsync("cart-slow-2"))
        {
            seen.Add(e.Version);
            await Task.Delay(100);
        }

        Assert.Equal([0L, 1, 2, 3, 4, 5], seen);
    }

    [Fact]
    public async Task Reads_and_subscriptions_are_sent_without_a_deadline_and_unary_calls_with_one()
    {
        var cluster = new FakeCluster("solo");
        await using var store = Store(cluster, "defaultDeadline=4000");
        await store.AppendAsync("cart-dl", ExpectedVersion.NoStream, Added(1));
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));

        await store.ReadAllAsync(GlobalPosition.Start).ToListAsync(cts.Token);
        await store.ReadStreamAsync("cart-dl").ToListAsync(cts.Token);
        await store.SubscribeToAllAsync(null, null, cts.Token).FirstAsync(cts.Token);

        Assert.All(cluster.Sent.Where(c => c.Method == "Read"), c => Assert.Null(c.Deadline));
        Assert.NotNull(cluster.Sent.Single(c => c.Method == "BatchAppend").Deadline);
    }

    [Fact]
    public async Task A_read_whose_first_answer_does_not_come_fails_after_the_deadline_naming_the_call()
    {
        var cluster = new FakeCluster("solo");
        await using var store = Store(cluster, "defaultDeadline=300");
        await store.AppendAsync("cart-stall", ExpectedVersion.NoStream, Added(1));
        cluster["solo"].HoldFirstResponse = new TaskCompletionSource();
        var clock = Stopwatch.StartNew();

        var ex = await Assert.ThrowsAsync<TimeoutException>(async () => await store.ReadStreamAsync("cart-stall").ToListAsync());

        Assert.InRange(clock.Elapsed, TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(5));
        Assert.Contains("read stream 'cart-stall'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("300 ms", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_subscription_whose_first_answer_does_not_come_fails_after_the_deadline()
    {
        var cluster = new FakeCluster("solo");
        await using var store = Store(cluster, "defaultDeadline=300");
        cluster["solo"].HoldFirstResponse = new TaskCompletionSource();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));

        var ex = await Assert.ThrowsAsync<TimeoutException>(async () => await store.SubscribeToAllAsync(null, null, cts.Token).FirstAsync(cts.Token));

        Assert.False(cts.IsCancellationRequested);
        Assert.Contains("$all", ex.Message, StringComparison.Ordinal); // its first call reads the end of $all
    }

    [Fact]
    public async Task A_read_of_all_cut_off_mid_way_goes_on_after_the_last_event_it_yielded()
    {
        var cluster = new FakeCluster("solo");
        await using var store = Store(cluster, "");
        await store.AppendAsync("cart-mid", ExpectedVersion.NoStream, Added(6));
        cluster["solo"].FailNextReadAfter = 3;

        var seen = await store.ReadAllAsync(GlobalPosition.Start).Select(e => e.Version).ToListAsync();

        Assert.Equal([0L, 1, 2, 3, 4, 5], seen);
        Assert.Equal(2, cluster.Calls.Count(c => c.Method == "Read"));
    }

    [Fact]
    public async Task A_backwards_stream_read_cut_off_mid_way_goes_on_after_the_last_event_it_yielded()
    {
        var cluster = new FakeCluster("solo");
        await using var store = Store(cluster, "");
        await store.AppendAsync("cart-mid-2", ExpectedVersion.NoStream, Added(6));
        cluster["solo"].FailNextReadAfter = 2;

        var seen = await store.ReadStreamAsync("cart-mid-2", new StreamReadOptions(ReadDirection.Backwards, null, 5)).Select(e => e.Version).ToListAsync();

        Assert.Equal([5L, 4, 3, 2, 1], seen);
        Assert.Equal(2, cluster.Calls.Count(c => c.Method == "Read"));
    }

    [SkippableFact]
    public async Task On_a_server_a_slow_consumer_of_a_large_read_of_all_is_not_cut_off_by_the_deadline()
    {
        string cs = EsdbServer.Require();
        await using var store = new EventStoreDbEventStore(EsdbServer.With(cs, "defaultDeadline=1000"), Options);
        var stream = $"slow-{Guid.NewGuid():N}";
        await store.AppendAsync(stream, ExpectedVersion.NoStream, Added(40));
        var from = (await store.ReadStreamAsync(stream).FirstAsync()).Position;

        int seen = 0;
        await foreach (var e in store.ReadAllAsync(from, EventFilter.ForStreamPrefixes(stream)))
        {
            seen++;
            await Task.Delay(50); // 40 × 50 ms: twice the deadline
        }

        Assert.Equal(40, seen);
    }

    [SkippableFact]
    public async Task On_a_server_a_slow_consumer_of_a_long_stream_read_is_not_cut_off_by_the_deadline()
    {
        string cs = EsdbServer.Require();
        await using var store = new EventStoreDbEventStore(EsdbServer.With(cs, "defaultDeadline=1000"), Options);
        var stream = $"slow-{Guid.NewGuid():N}";
        await store.AppendAsync(stream, ExpectedVersion.NoStream, Added(40));

        int seen = 0;
        await foreach (var e in store.ReadStreamAsync(stream))
        {
            seen++;
            await Task.Delay(50);
        }

        Assert.Equal(40, seen);
    }
}

using System.Diagnostics;

namespace Eventfold.EventStoreDb.Tests;

public class ReconnectionTests
{
    private static readonly EventStoreOptions Options = new() { Serializer = TestEvents.Serializer };

    private static EventStoreDbEventStore Store(FakeCluster cluster, string connectionString) =>
        new(ConnectionString.Parse(connectionString), Options, cluster, new Random(7));

    private static EventData[] Added(string sku) => [EventData.From(new ItemAdded(sku, 1))];

    [Fact]
    public async Task Discovery_reads_gossip_from_a_seed_and_appends_on_the_leader()
    {
        var cluster = new FakeCluster("a", "b", "c");
        cluster.MakeLeader("c");
        await using var store = Store(cluster, "esdb://a:2113,b:2113,c:2113?tls=false");

        var result = await store.AppendAsync("cart-1", ExpectedVersion.NoStream, Added("x"));

        Assert.Equal(0, result.NextExpectedVersion);
        Assert.Contains(cluster.Calls, c => c.Method == "Read.Gossip");
        Assert.Equal(new EndPoint("c", 2113), cluster.Calls.Single(c => c.Method == "BatchAppend").Node);
    }

    [Fact]
    public async Task After_a_failover_the_store_finds_the_new_leader_and_goes_on()
    {
        var cluster = new FakeCluster("a", "b", "c");
        await using var store = Store(cluster, "esdb+discover://a:2113,b:2113,c:2113?tls=false&discoveryInterval=1");
        await store.AppendAsync("cart-2", ExpectedVersion.NoStream, Added("x"));

        cluster["a"].Down = true;
        cluster.MakeLeader("b");
        var result = await store.AppendAsync("cart-2", 0, Added("y"));

        Assert.Equal(1, result.NextExpectedVersion);
        Assert.Equal(new EndPoint("b", 2113), cluster.Calls.Last(c => c.Method == "BatchAppend").Node);
        Assert.Equal(["x", "y"], await store.ReadStreamAsync("cart-2").Select(e => ((ItemAdded)e.Event).Sku).ToListAsync());
    }

    [Fact]
    public async Task A_node_that_lost_leadership_redirects_to_the_new_leader()
    {
        var cluster = new FakeCluster("a", "b");
        await using var store = Store(cluster, "esdb+discover://a:2113?tls=false&discoveryInterval=1");
        await store.AppendAsync("cart-3", ExpectedVersion.NoStream, Added("x"));

        cluster.MakeLeader("b");
        await store.AppendAsync("cart-3", 0, Added("y"));

        var appends = cluster.Calls.Where(c => c.Method == "BatchAppend").Select(c => c.Node.Host).ToArray();
        Assert.Equal(["a", "a", "b"], appends);
        Assert.Equal(new EndPoint("b", 2113), cluster.Opened[^1]);
    }

    [Fact]
    public async Task A_single_node_that_drops_the_connection_is_called_again()
    {
        var cluster = new FakeCluster("solo");
        cluster["solo"].FailNextCalls = 2;
        await using var store = Store(cluster, "esdb://solo:2113?tls=false&discoveryInterval=1");

        await store.AppendAsync("cart-4", ExpectedVersion.NoStream, Added("x"));
        cluster["solo"].FailNextCalls = 1;

        Assert.Single(await store.ReadStreamAsync("cart-4").ToListAsync());
        Assert.Equal(4, cluster.Opened.Count); // the first channel, two reconnections for the append, one for the read
    }

    [Fact]
    public async Task When_every_node_is_down_the_error_names_each_address_and_comes_in_bounded_time()
    {
        var cluster = new FakeCluster("a", "b");
        cluster["a"].Down = true;
        cluster["b"].Down = true;
        await using var store = Store(cluster, "esdb://a:2113,b:2113?tls=false&maxDiscoverAttempts=3&discoveryInterval=1");

        var ex = await Assert.ThrowsAsync<EventStoreDbUnavailableException>(() => store.AppendAsync("cart-5", ExpectedVersion.Any, Added("x")));

        Assert.Equal(6, ex.Attempts.Count); // 3 rounds of gossip to 2 seeds
        Assert.Contains("gossip from a:2113: Unavailable (connection refused (a:2113)) (3 times)", ex.Message, StringComparison.Ordinal);
        Assert.Contains("gossip from b:2113: Unavailable", ex.Message, StringComparison.Ordinal);
        Assert.Contains("append to stream 'cart-5'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_server_without_BatchAppend_gets_appends_through_Append_and_is_not_asked_again()
    {
        var cluster = new FakeCluster("solo");
        cluster["solo"].SupportsBatchAppend = false;
        await using var store = Store(cluster, "esdb://solo?tls=false");

        await store.AppendAsync("cart-old", ExpectedVersion.NoStream, Added("x"));
        await store.AppendAsync("cart-old", 0, Added("y"));

        Assert.Equal(["BatchAppend", "Append", "Append"], cluster.Calls.Where(c => c.Method.EndsWith("Append", StringComparison.Ordinal)).Select(c => c.Method));
        Assert.Equal(["x", "y"], await store.ReadStreamAsync("cart-old").Select(e => ((ItemAdded)e.Event).Sku).ToListAsync());
    }

    [Fact]
    public async Task A_real_connection_to_a_closed_port_fails_fast_naming_the_address()
    {
        await using var store = new EventStoreDbEventStore("esdb://127.0.0.1:1?tls=false&maxDiscoverAttempts=2&discoveryInterval=10", Options);
        var clock = Stopwatch.StartNew();

        var ex = await Assert.ThrowsAsync<EventStoreDbUnavailableException>(() => store.GetStreamVersionAsync("cart-6"));

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(15), $"took {clock.Elapsed}");
        Assert.Equal(2, ex.Attempts.Count);
        Assert.All(ex.Attempts, a => Assert.StartsWith("127.0.0.1:1: Unavailable", a, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_conflicting_append_reports_the_streams_actual_version()
    {
        var cluster = new FakeCluster("solo");
        await using var store = Store(cluster, "esdb://solo?tls=false");
        await store.AppendAsync("cart-7", ExpectedVersion.NoStream, [.. Added("x"), .. Added("y")]);

        var ex = await Assert.ThrowsAsync<WrongExpectedVersionException>(() => store.AppendAsync("cart-7", 0, Added("z")));

        Assert.Equal(1, ex.ActualVersion);
        Assert.Equal("cart-7", ex.Stream);
        var none = await Assert.ThrowsAsync<WrongExpectedVersionException>(() => store.AppendAsync("cart-8", ExpectedVersion.StreamExists, Added("z")));
        Assert.Equal(-1, none.ActualVersion);
    }

    [Fact]
    public async Task Reads_forwards_backwards_and_the_version_of_a_stream()
    {
        var cluster = new FakeCluster("solo");
        await using var store = Store(cluster, "esdb://solo?tls=false");
        await store.AppendAsync("cart-9", ExpectedVersion.NoStream, [.. Added("a"), .. Added("b"), .. Added("c")]);

        var backwards = await store.ReadStreamAsync("cart-9", new StreamReadOptions(ReadDirection.Backwards, 1, 5)).Select(e => e.Version).ToListAsync();
        var forwards = await store.ReadStreamAsync("cart-9", new StreamReadOptions(ReadDirection.Forwards, 1, 1)).Select(e => e.Version).ToListAsync();

        Assert.Equal([1L, 0L], backwards);
        Assert.Equal([1L], forwards);
        Assert.Equal(2, await store.GetStreamVersionAsync("cart-9"));
        Assert.Equal(-1, await store.GetStreamVersionAsync("cart-none"));
        Assert.Empty(await store.ReadStreamAsync("cart-none").ToListAsync());
    }

    [Fact]
    public async Task A_stream_subscription_resumes_after_the_given_version()
    {
        var cluster = new FakeCluster("solo");
        await using var store = Store(cluster, "esdb://solo?tls=false");
        await store.AppendAsync("cart-10", ExpectedVersion.NoStream, [.. Added("a"), .. Added("b"), .. Added("c")]);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));

        var seen = new List<long>();
        await foreach (var e in store.SubscribeToStreamAsync("cart-10", 0, cts.Token))
        {
            seen.Add(e.Version);
            if (seen.Count == 2)
            {
                break;
            }
        }

        Assert.Equal([1L, 2L], seen);
    }

    [Fact]
    public async Task SetMaxCount_writes_max_count_metadata_to_the_streams_metadata_stream()
    {
        var cluster = new FakeCluster("solo");
        await using var store = Store(cluster, "esdb://solo?tls=false");

        await store.SetMaxCountAsync("checkpoint-p1", 3);

        var written = Assert.Single(cluster.Log);
        Assert.Equal("$$checkpoint-p1", written.StreamIdentifier.StreamName.ToStringUtf8());
        Assert.Equal("$metadata", written.Metadata["type"]);
        Assert.Equal("{\"$maxCount\":3}", written.Data.ToStringUtf8());
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => store.SetMaxCountAsync("checkpoint-p1", 0));
    }

    [Fact]
    public async Task A_dropped_stream_subscription_resubscribes_after_the_last_event_it_yielded()
    {
        var cluster = new FakeCluster("solo");
        await using var store = Store(cluster, "esdb://solo?tls=false&discoveryInterval=1");
        await store.AppendAsync("cart-11", ExpectedVersion.NoStream, [.. Added("a"), .. Added("b"), .. Added("c")]);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));

        var seen = new List<string>();
        await foreach (var e in store.SubscribeToStreamAsync("cart-11", 0, cts.Token))
        {
            seen.Add(((ItemAdded)e.Event).Sku);
            if (seen.Count == 2)
            {
                await store.AppendAsync("cart-11", 2, Added("d"));
                cluster["solo"].DropSubscriptions();
            }

            if (seen.Count == 3)
            {
                break;
            }
        }

        Assert.Equal(["b", "c", "d"], seen);
        Assert.Equal(2, cluster.Calls.Count(c => c.Method == "Read"));
    }

    [Fact]
    public async Task A_dropped_subscription_to_all_resumes_after_the_last_position_it_yielded()
    {
        var cluster = new FakeCluster("solo");
        await using var store = Store(cluster, "esdb://solo?tls=false&discoveryInterval=1");
        await store.AppendAsync("cart-12", ExpectedVersion.NoStream, [.. Added("a"), .. Added("b")]);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));

        var seen = new List<string>();
        await foreach (var e in store.SubscribeToAllAsync(null, null, cts.Token).OfType<RecordedEvent>())
        {
            seen.Add(((ItemAdded)e.Event).Sku);
            if (seen.Count == 2)
            {
                await store.AppendAsync("cart-12", 1, Added("c"));
                cluster["solo"].DropSubscriptions();
            }

            if (seen.Count == 3)
            {
                break;
            }
        }

        Assert.Equal(["a", "b", "c"], seen);
    }

    [Fact]
    public async Task A_subscription_that_keeps_failing_gives_up_naming_the_node()
    {
        var cluster = new FakeCluster("solo");
        await using var store = Store(cluster, "esdb://solo?tls=false&discoveryInterval=1&maxDiscoverAttempts=3");
        await store.AppendAsync("cart-13", ExpectedVersion.NoStream, Added("a"));
        cluster["solo"].Down = true;

        var ex = await Assert.ThrowsAsync<EventStoreDbUnavailableException>(async () => await store.SubscribeToStreamAsync("cart-13", null).FirstAsync());

        Assert.Equal(3, ex.Attempts.Count);
        Assert.Contains("subscribe to stream 'cart-13'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("solo:2113: Unavailable", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Calls_carry_credentials_leader_requirement_connection_name_and_a_deadline()
    {
        var cluster = new FakeCluster("solo");
        await using var store = Store(cluster, "esdb://ops%40acme:s3cr%3At@solo?tls=false&connectionName=billing&defaultDeadline=4000");
        var before = DateTime.UtcNow;

        await store.AppendAsync("cart-14", ExpectedVersion.NoStream, Added("a"));

        var (_, headers, deadline) = cluster.Sent.Single(c => c.Method == "BatchAppend");
        Assert.Equal("Basic " + Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes("ops@acme:s3cr:t")), headers!.GetValue("authorization"));
        Assert.Equal("true", headers.GetValue("requires-leader"));
        Assert.Equal("billing", headers.GetValue("connection-name"));
        Assert.InRange(deadline!.Value, before.AddSeconds(3.5), DateTime.UtcNow.AddSeconds(4.5));
    }

    [Fact]
    public async Task Follower_preference_does_not_require_the_leader_and_subscriptions_have_no_deadline()
    {
        var cluster = new FakeCluster("a", "b");
        await using var store = Store(cluster, "esdb://a,b?tls=false&nodePreference=follower");
        await store.AppendAsync("cart-15", ExpectedVersion.NoStream, Added("a"));
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));

        await store.SubscribeToStreamAsync("cart-15", null, cts.Token).FirstAsync(cts.Token);

        Assert.All(cluster.Sent.Where(c => c.Method != "Read.Gossip"), c => Assert.Null(c.Headers?.GetValue("requires-leader")));
        Assert.Equal(new EndPoint("b", 2113), cluster.Calls.Single(c => c.Method == "BatchAppend").Node);
        Assert.Null(cluster.Sent.Last(c => c.Method == "Read").Deadline);
    }
}

namespace Eventfold.EventStoreDb.Tests;

/// <summary>
/// The production append path, BatchAppend, on the fake cluster: appends share one call per node, and
/// whatever goes wrong with that call, no append is left waiting.
/// </summary>
public class BatchAppendCallTests
{
    private static readonly EventStoreOptions Options = new() { Serializer = TestEvents.Serializer };

    private static EventStoreDbEventStore Store(FakeCluster cluster, string query = "") =>
        new(ConnectionString.Parse($"esdb://solo?tls=false&discoveryInterval=1&{query}"), Options, cluster, new Random(7));

    private static EventData[] Added(string sku) => [EventData.From(new ItemAdded(sku, 1))];

    [Fact]
    public async Task Concurrent_appends_go_through_batch_append_with_their_own_results()
    {
        var cluster = new FakeCluster("solo");
        await using var store = Store(cluster);

        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Task.Run(() => store.AppendAsync($"cart-b{i}", ExpectedVersion.NoStream, [.. Added("a"), .. Added("b")]))));

        Assert.All(results, r => Assert.Equal(1, r.NextExpectedVersion));
        Assert.Equal(20, results.Select(r => r.Position).Distinct().Count());
        Assert.Equal(20, cluster.Calls.Count(c => c.Method == "BatchAppend"));
        Assert.DoesNotContain(cluster.Calls, c => c.Method == "Append");
        var conflict = await Assert.ThrowsAsync<WrongExpectedVersionException>(() => store.AppendAsync("cart-b0", ExpectedVersion.NoStream, Added("c")));
        Assert.Equal(1, conflict.ActualVersion);
    }

    [Fact]
    public async Task An_answer_that_cannot_be_read_fails_the_call_so_the_append_is_tried_again_instead_of_waiting_forever()
    {
        var cluster = new FakeCluster("solo");
        await using var store = Store(cluster);
        await store.AppendAsync("cart-g", ExpectedVersion.NoStream, Added("a"));
        cluster["solo"].GarbleNextBatchAnswer = true;

        var result = await store.AppendAsync("cart-g", 0, Added("b")).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(1, result.NextExpectedVersion);
        Assert.Equal(["a", "b"], await store.ReadStreamAsync("cart-g").Select(e => ((ItemAdded)e.Event).Sku).ToListAsync());
    }

    [Fact]
    public async Task When_the_call_breaks_every_pending_append_fails_each_with_its_own_exception()
    {
        var cluster = new FakeCluster("solo");
        await using var store = Store(cluster, "maxDiscoverAttempts=1");
        await store.AppendAsync("cart-p", ExpectedVersion.NoStream, Added("first")); // opens the call
        cluster["solo"].HoldBatchAnswers = new TaskCompletionSource();

        var appends = Enumerable.Range(0, 3).Select(i => store.AppendAsync($"cart-p{i}", ExpectedVersion.Any, Added("x"))).ToArray();
        while (cluster.Calls.Count(c => c.Method == "BatchAppend") < 4)
        {
            await Task.Delay(5);
        }

        cluster["solo"].BreakBatchCalls();
        var failures = new List<Exception>();
        foreach (var append in appends)
        {
            failures.Add(await Assert.ThrowsAsync<EventStoreDbUnavailableException>(() => append.WaitAsync(TimeSpan.FromSeconds(10))));
        }

        var causes = failures.Select(f => f.InnerException!).ToList();
        Assert.All(causes, c => Assert.IsType<Grpc.Core.RpcException>(c));
        Assert.Equal(3, causes.Distinct(ReferenceEqualityComparer.Instance).Count());
        Assert.All(failures, f => Assert.Contains("connection reset", f.Message, StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_append_whose_answer_never_comes_fails_after_the_deadline_saying_it_may_have_been_written()
    {
        var cluster = new FakeCluster("solo");
        await using var store = Store(cluster, "defaultDeadline=300");
        cluster["solo"].HoldBatchAnswers = new TaskCompletionSource();

        var ex = await Assert.ThrowsAsync<TimeoutException>(() => store.AppendAsync("cart-t", ExpectedVersion.NoStream, Added("a")).WaitAsync(TimeSpan.FromSeconds(10)));

        Assert.Contains("append to stream 'cart-t'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("may or may not have been written", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_batch_call_the_server_ends_for_a_new_leader_moves_the_append_there()
    {
        var cluster = new FakeCluster("a", "b");
        await using var store = new EventStoreDbEventStore(ConnectionString.Parse("esdb://a,b?tls=false&discoveryInterval=1"), Options, cluster, new Random(7));
        await store.AppendAsync("cart-l", ExpectedVersion.NoStream, Added("a"));

        cluster.MakeLeader("b");
        var result = await store.AppendAsync("cart-l", 0, Added("b")).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(1, result.NextExpectedVersion);
        Assert.Equal(["a", "a", "b"], cluster.Calls.Where(c => c.Method == "BatchAppend").Select(c => c.Node.Host));
    }
}

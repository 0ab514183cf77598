namespace Eventfold.EventStoreDb.Tests;

/// <summary>A resubscription to $all goes by the events it received, never by the server's checkpoints.</summary>
public class SubscriptionResumeTests
{
    private static readonly EventStoreOptions Options = new() { Serializer = TestEvents.Serializer };

    private static EventData[] Added(string sku) => [EventData.From(new ItemAdded(sku, 1))];

    [Fact]
    public async Task A_checkpoint_past_events_not_yet_sent_does_not_hide_them_after_a_resubscription()
    {
        var cluster = new FakeCluster("solo");
        await using var store = new EventStoreDbEventStore(ConnectionString.Parse("esdb://solo?tls=false&discoveryInterval=1"), Options, cluster, new Random(7));
        await store.AppendAsync("cart-cp", ExpectedVersion.NoStream, Added("a")); // position 100

        // A checkpoint at 300 comes after "a", as from a node that failed over, before "b" (200) and "c" (300) exist here.
        cluster["solo"].CheckpointAt = 300;
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var checkpoints = new List<GlobalPosition>();
        var seen = new List<string>();
        await foreach (var message in store.SubscribeToAllAsync(null, null, cts.Token))
        {
            if (message is SubscriptionCheckpoint checkpoint)
            {
                checkpoints.Add(checkpoint.Position);
            }

            if (message is not RecordedEvent e)
            {
                continue;
            }

            seen.Add(((ItemAdded)e.Event).Sku);
            if (seen.Count == 1)
            {
                await store.AppendAsync("cart-cp", 0, [.. Added("b"), .. Added("c")]);
                cluster["solo"].DropSubscriptions();
            }

            if (seen.Count == 3)
            {
                break;
            }
        }

        Assert.Equal(["a", "b", "c"], seen);
        Assert.Equal(new GlobalPosition(100, 100), PositionOfRequest(cluster, 1));
        Assert.Equal([new GlobalPosition(300, 300)], checkpoints); // said again after the resubscription, reported once
    }

    [Fact]
    public async Task Events_already_yielded_are_not_yielded_again_after_a_resubscription()
    {
        var cluster = new FakeCluster("solo");
        await using var store = new EventStoreDbEventStore(ConnectionString.Parse("esdb://solo?tls=false&discoveryInterval=1"), Options, cluster, new Random(7));
        await store.AppendAsync("cart-dup", ExpectedVersion.NoStream, [.. Added("a"), .. Added("b")]);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));

        var seen = new List<string>();
        await foreach (var e in store.SubscribeToAllAsync(null, null, cts.Token).OfType<RecordedEvent>())
        {
            seen.Add(((ItemAdded)e.Event).Sku);
            if (seen.Count == 2)
            {
                await store.AppendAsync("cart-dup", 1, Added("c"));
                cluster["solo"].DropSubscriptions();
            }

            if (seen.Count == 3)
            {
                break;
            }
        }

        Assert.Equal(["a", "b", "c"], seen);
    }

    private static GlobalPosition PositionOfRequest(FakeCluster cluster, int index)
    {
        // Only the subscription's own requests: it also reads the end of $all once, before subscribing.
        var request = cluster.ReadRequests.Where(r => r.Options.Subscription is not null).ElementAt(index);
        return new GlobalPosition(request.Options.All.Position.CommitPosition, request.Options.All.Position.PreparePosition);
    }
}

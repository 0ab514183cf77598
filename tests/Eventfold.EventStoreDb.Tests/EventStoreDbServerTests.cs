namespace Eventfold.EventStoreDb.Tests;

/// <summary>What only a real server shows: stream metadata, tombstones, filter checkpoints. Skipped without EVENTFOLD_ESDB.</summary>
public class EventStoreDbServerTests
{
    private static readonly EventStoreOptions Options = new() { Serializer = TestEvents.Serializer };

    private static EventData[] Added(int count) => Enumerable.Range(0, count).Select(i => EventData.From(new ItemAdded($"sku-{i}", i))).ToArray();

    [SkippableFact]
    public async Task A_stream_with_max_count_reads_only_its_newest_events()
    {
        await using var store = new EventStoreDbEventStore(EsdbServer.Require(), Options);
        var stream = $"snapshot-{Guid.NewGuid():N}";
        await store.AppendAsync(stream, ExpectedVersion.NoStream, Added(5));

        await store.SetMaxCountAsync(stream, 2);

        Assert.Equal([3L, 4L], await store.ReadStreamAsync(stream).Select(e => e.Version).ToListAsync());
        Assert.Equal(4, await store.GetStreamVersionAsync(stream));
        await store.AppendAsync(stream, 4, Added(1));
        Assert.Equal([4L, 5L], await store.ReadStreamAsync(stream).Select(e => e.Version).ToListAsync());
    }

    [SkippableFact]
    public async Task A_tombstoned_stream_refuses_reads_and_appends_with_StreamDeletedException()
    {
        string cs = EsdbServer.Require();
        await using var store = new EventStoreDbEventStore(cs, Options);
        var stream = $"interop-{Guid.NewGuid():N}";
        await store.AppendAsync(stream, ExpectedVersion.NoStream, Added(1));
        await NodeClient.RunAsync("tombstone", cs, stream);

        var onRead = await Assert.ThrowsAsync<StreamDeletedException>(async () => await store.ReadStreamAsync(stream).ToListAsync());
        var onAppend = await Assert.ThrowsAsync<StreamDeletedException>(() => store.AppendAsync(stream, ExpectedVersion.Any, Added(1)));

        Assert.Equal(stream, onRead.Stream);
        Assert.Equal(stream, onAppend.Stream);
    }

    [SkippableFact]
    public async Task A_filtered_subscription_reports_checkpoints_while_it_finds_nothing()
    {
        await using var store = new EventStoreDbEventStore(EsdbServer.Require(), Options);
        var stream = $"noise-{Guid.NewGuid():N}";
        await store.AppendAsync(stream, ExpectedVersion.NoStream, Added(100));
        var checkpoint = new TaskCompletionSource<GlobalPosition>(TaskCreationOptions.RunContinuationsAsynchronously);
        var seen = new List<GlobalPosition>();

        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));

        // The server may report the start position first; wait for one past it.
        var subscription = Task.Run(async () =>
        {
            await foreach (var message in store.SubscribeToAllAsync(null, SubscriptionOptions.For(EventFilter.ForEventNames("NeverWritten")), cts.Token))
            {
                switch (message)
                {
                    case RecordedEvent:
                        Assert.Fail("the filter matches no event");
                        break;
                    case SubscriptionCheckpoint { Position: var p }:
                        lock (seen)
                        {
                            seen.Add(p);
                        }

                        if (p > GlobalPosition.Start)
                        {
                            checkpoint.TrySetResult(p);
                        }

                        break;
                }
            }
        });
        var reached = await checkpoint.Task.WaitAsync(cts.Token);
        await cts.CancelAsync();
        var ended = await Record.ExceptionAsync(() => subscription);
        Assert.True(ended is null or OperationCanceledException, $"Unexpected: {ended}");

        Assert.True(reached > GlobalPosition.Start, $"checkpoint at {reached}");
        lock (seen)
        {
            Assert.Equal(seen.Order(), seen);
        }
    }

    [SkippableFact]
    public async Task Checkpoint_and_snapshot_streams_carry_max_count_metadata_and_read_their_latest()
    {
        await using var store = new EventStoreDbEventStore(EsdbServer.Require(), Options);
        string consumer = $"cart summary {Guid.NewGuid():N}", stream = $"cart-{Guid.NewGuid():N}";

        for (ulong i = 1; i <= 5; i++)
        {
            await store.SetCheckpointAsync(consumer, new GlobalPosition(i * 10, i * 10));
            await store.SetSnapshotAsync(new Snapshot(stream, (long)i, "cart-state", 1, "{}"u8.ToArray()));
        }

        var checkpointMetadata = await store.ReadLastEventAsync("$$eventfold.checkpoint-" + consumer, default);
        var snapshotMetadata = await store.ReadLastEventAsync("$$eventfold.snapshot-" + stream, default);
        Assert.Contains("\"$maxCount\":1", checkpointMetadata!.Data.ToStringUtf8(), StringComparison.Ordinal);
        Assert.Contains("\"$maxCount\":1", snapshotMetadata!.Data.ToStringUtf8(), StringComparison.Ordinal);
        Assert.Equal(4UL, (await store.ReadLastEventAsync("eventfold.checkpoint-" + consumer, default))!.StreamRevision);
        Assert.Equal(new GlobalPosition(50, 50), await store.GetCheckpointAsync(consumer));
        Assert.Equal(5, (await store.GetSnapshotAsync(stream))!.Version);
    }

    [SkippableFact]
    public async Task Racing_snapshot_writers_on_the_server_keep_the_newest()
    {
        await using var store = new EventStoreDbEventStore(EsdbServer.Require(), Options);
        await using var other = new EventStoreDbEventStore(EsdbServer.Require(), Options);
        var stream = $"cart-{Guid.NewGuid():N}";

        await Task.WhenAll(Enumerable.Range(1, 16).Select(v =>
            Task.Run(() => (v % 2 == 0 ? store : other).SetSnapshotAsync(new Snapshot(stream, 17 - v, "cart-state", 1, "{}"u8.ToArray())))));

        Assert.Equal(16, (await store.GetSnapshotAsync(stream))!.Version);
    }

    [SkippableFact]
    public async Task The_server_version_is_read_through_server_features()
    {
        await using var store = new EventStoreDbEventStore(EsdbServer.Require(), Options);

        string version = await store.GetServerVersionAsync();

        Assert.Matches(@"^\d+\.\d+", version);
    }
}

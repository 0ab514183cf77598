using System.Text;
using Eventfold.EventStoreDb.Mapping;
using WireEvent = Eventfold.EventStoreDb.Protocol.Streams.ReadResp.Types.ReadEvent.Types.RecordedEvent;

namespace Eventfold.EventStoreDb.Tests;

/// <summary>Checkpoints and snapshots on the fake cluster: where they are written, and that readers of $all never meet them.</summary>
public class CheckpointAndSnapshotTests
{
    // The test serializer knows only ItemAdded and ItemRemoved: a checkpoint or snapshot event reaching it would throw.
    private static readonly EventStoreOptions Options = new() { Serializer = TestEvents.Serializer };

    private static EventStoreDbEventStore Store(FakeCluster cluster) =>
        new(ConnectionString.Parse("esdb://solo?tls=false"), Options, cluster, new Random(7));

    private static EventData[] Added(string sku) => [EventData.From(new ItemAdded(sku, 1))];

    private static string TypeOf(WireEvent e) => e.Metadata[EventMapping.TypeKey];

    private static List<WireEvent> EventsOf(FakeCluster cluster, string stream) =>
        [.. cluster.Log.Where(e => e.StreamIdentifier.StreamName.ToStringUtf8() == stream)];

    [Fact]
    public async Task A_checkpoint_lives_in_its_consumers_stream_bounded_by_max_count_set_before_its_first_event()
    {
        var cluster = new FakeCluster("solo");
        await using var store = Store(cluster);

        await store.SetCheckpointAsync("cart-summary", new GlobalPosition(300, 200));
        await store.SetCheckpointAsync("cart-summary", new GlobalPosition(500, 400));

        var metadata = Assert.Single(EventsOf(cluster, "$$eventfold.checkpoint-cart-summary"));
        Assert.Equal("""{"$maxCount":1}""", metadata.Data.ToStringUtf8());
        var streamsInOrder = cluster.Log.Select(e => e.StreamIdentifier.StreamName.ToStringUtf8()).ToList();
        Assert.True(streamsInOrder.IndexOf("$$eventfold.checkpoint-cart-summary") < streamsInOrder.IndexOf("eventfold.checkpoint-cart-summary"));
        var saved = EventsOf(cluster, "eventfold.checkpoint-cart-summary");
        Assert.Equal([CheckpointMapping.SavedType, CheckpointMapping.SavedType], saved.Select(TypeOf));
        Assert.Equal("""{"commit":500,"prepare":400}""", saved[1].Data.ToStringUtf8());
        Assert.Equal(new GlobalPosition(500, 400), await store.GetCheckpointAsync("cart-summary"));
        Assert.Null(await store.GetCheckpointAsync("other"));
    }

    [Fact]
    public async Task A_deleted_checkpoint_reads_as_absent_and_a_later_save_counts_again()
    {
        var cluster = new FakeCluster("solo");
        await using var store = Store(cluster);
        await store.SetCheckpointAsync("replica", new GlobalPosition(7, 7));

        await store.DeleteCheckpointAsync("replica");
        var deleted = await store.GetCheckpointAsync("replica");
        await store.SetCheckpointAsync("replica", new GlobalPosition(9, 9));

        Assert.Null(deleted);
        Assert.Equal(new GlobalPosition(9, 9), await store.GetCheckpointAsync("replica"));
        Assert.Equal(
            [CheckpointMapping.SavedType, CheckpointMapping.ClearedType, CheckpointMapping.SavedType],
            EventsOf(cluster, "eventfold.checkpoint-replica").Select(TypeOf));
    }

    [Fact]
    public async Task A_consumer_name_may_hold_characters_that_stream_names_may_not()
    {
        var cluster = new FakeCluster("solo");
        await using var store = Store(cluster);

        await store.SetCheckpointAsync("cart summary\tv2", new GlobalPosition(3, 3));

        Assert.Equal(new GlobalPosition(3, 3), await store.GetCheckpointAsync("cart summary\tv2"));
        Assert.Single(EventsOf(cluster, "$$eventfold.checkpoint-cart summary\tv2"));
    }

    [Fact]
    public async Task Deleting_a_checkpoint_that_was_never_saved_writes_nothing()
    {
        var cluster = new FakeCluster("solo");
        await using var store = Store(cluster);

        await store.DeleteCheckpointAsync("never");

        Assert.Empty(cluster.Log);
        Assert.Null(await store.GetCheckpointAsync("never"));
    }

    [Fact]
    public async Task A_snapshot_lives_in_its_streams_snapshot_stream_with_the_data_as_given_and_the_rest_in_metadata()
    {
        var cluster = new FakeCluster("solo");
        await using var store = Store(cluster);

        await store.SetSnapshotAsync(new Snapshot("cart-1", 12, "cart-state", 3, """{"items":["a"]}"""u8.ToArray()));

        Assert.Equal("""{"$maxCount":1}""", Assert.Single(EventsOf(cluster, "$$eventfold.snapshot-cart-1")).Data.ToStringUtf8());
        var written = Assert.Single(EventsOf(cluster, "eventfold.snapshot-cart-1"));
        Assert.Equal(SnapshotMapping.EventType, TypeOf(written));
        Assert.Equal("""{"items":["a"]}""", written.Data.ToStringUtf8());
        Assert.Equal("""{"version":12,"stateType":"cart-state","schemaVersion":3}""", written.CustomMetadata.ToStringUtf8());
        var read = await store.GetSnapshotAsync("cart-1");
        Assert.NotNull(read);
        Assert.Equal(("cart-1", 12L, "cart-state", 3), (read.Stream, read.Version, read.StateType, read.SchemaVersion));
        Assert.Equal("""{"items":["a"]}""", Encoding.UTF8.GetString(read.Data));
    }

    [Fact]
    public async Task A_deleted_snapshot_is_a_cleared_marker_that_reads_as_absent_and_any_later_snapshot_replaces()
    {
        var cluster = new FakeCluster("solo");
        await using var store = Store(cluster);
        await store.SetSnapshotAsync(new Snapshot("cart-8", 40, "cart-state", 1, "{}"u8.ToArray()));

        await store.DeleteSnapshotAsync("cart-8");
        var deleted = await store.GetSnapshotAsync("cart-8");
        await store.SetSnapshotAsync(new Snapshot("cart-8", 5, "cart-state", 1, """{"v":5}"""u8.ToArray()));

        Assert.Null(deleted);
        Assert.Equal(5, (await store.GetSnapshotAsync("cart-8"))!.Version);
        Assert.Equal(
            [SnapshotMapping.EventType, SnapshotMapping.ClearedType, SnapshotMapping.EventType],
            EventsOf(cluster, "eventfold.snapshot-cart-8").Select(TypeOf));
    }

    [Fact]
    public async Task Deleting_a_snapshot_that_was_never_written_writes_nothing()
    {
        var cluster = new FakeCluster("solo");
        await using var store = Store(cluster);

        await store.DeleteSnapshotAsync("cart-9");

        Assert.Empty(cluster.Log);
        Assert.Null(await store.GetSnapshotAsync("cart-9"));
    }

    [Fact]
    public async Task An_older_snapshot_is_not_written_over_a_newer_one_and_an_equal_or_newer_one_is()
    {
        var cluster = new FakeCluster("solo");
        await using var store = Store(cluster);
        await store.SetSnapshotAsync(new Snapshot("cart-2", 50, "cart-state", 1, "{}"u8.ToArray()));

        await store.SetSnapshotAsync(new Snapshot("cart-2", 30, "cart-state", 1, "{}"u8.ToArray()));
        int afterOlder = EventsOf(cluster, "eventfold.snapshot-cart-2").Count;
        await store.SetSnapshotAsync(new Snapshot("cart-2", 50, "cart-state", 2, "{}"u8.ToArray()));
        await store.SetSnapshotAsync(new Snapshot("cart-2", 60, "cart-state", 2, "{}"u8.ToArray()));

        Assert.Equal(1, afterOlder);
        Assert.Equal(60, (await store.GetSnapshotAsync("cart-2"))!.Version);
        Assert.Single(EventsOf(cluster, "$$eventfold.snapshot-cart-2"));
    }

    [Fact]
    public async Task A_writer_overtaken_between_its_read_and_its_append_reads_again_and_keeps_the_newer_snapshot()
    {
        var cluster = new FakeCluster("solo");
        await using var store = Store(cluster);
        await store.SetSnapshotAsync(new Snapshot("cart-6", 50, "cart-state", 1, """{"v":50}"""u8.ToArray()));
        cluster.BeforeNextAppend = stream =>
            store.SetSnapshotAsync(new Snapshot("cart-6", 60, "cart-state", 1, """{"v":60}"""u8.ToArray())).GetAwaiter().GetResult();

        await store.SetSnapshotAsync(new Snapshot("cart-6", 55, "cart-state", 1, """{"v":55}"""u8.ToArray()));

        Assert.Equal([50L, 60L], EventsOf(cluster, "eventfold.snapshot-cart-6").Select(e => SnapshotMapping.FromEvent("cart-6", e).Version));
        Assert.Equal(60, (await store.GetSnapshotAsync("cart-6"))!.Version);
    }

    [Fact]
    public async Task A_writer_overtaken_by_an_older_snapshot_reads_again_and_writes_its_newer_one()
    {
        var cluster = new FakeCluster("solo");
        await using var store = Store(cluster);
        cluster.BeforeNextAppend = stream =>
            store.SetSnapshotAsync(new Snapshot("cart-7", 10, "cart-state", 1, "{}"u8.ToArray())).GetAwaiter().GetResult();

        await store.SetSnapshotAsync(new Snapshot("cart-7", 20, "cart-state", 1, "{}"u8.ToArray()));

        Assert.Equal([10L, 20L], EventsOf(cluster, "eventfold.snapshot-cart-7").Select(e => SnapshotMapping.FromEvent("cart-7", e).Version));
    }

    [Fact]
    public async Task Racing_snapshot_writers_never_move_the_kept_snapshot_back()
    {
        var cluster = new FakeCluster("solo");
        await using var store = Store(cluster);
        int[] versions = [.. Enumerable.Range(1, 24).OrderBy(v => (v * 7) % 24)];

        await Task.WhenAll(versions.Select(v => Task.Run(() => store.SetSnapshotAsync(new Snapshot("cart-3", v, "cart-state", 1, "{}"u8.ToArray())))));

        var written = EventsOf(cluster, "eventfold.snapshot-cart-3").Select(e => SnapshotMapping.FromEvent("cart-3", e).Version).ToList();
        Assert.Equal(24, (await store.GetSnapshotAsync("cart-3"))!.Version);
        Assert.Equal(written.Order(), written);
    }

    [Fact]
    public async Task Reads_of_all_never_return_checkpoints_or_snapshots_whatever_the_filter()
    {
        var cluster = new FakeCluster("solo");
        await using var store = Store(cluster);
        await store.AppendAsync("cart-4", ExpectedVersion.NoStream, Added("a"));
        await store.SetCheckpointAsync("projection", new GlobalPosition(100, 100));
        await store.SetSnapshotAsync(new Snapshot("cart-4", 0, "cart-state", 1, "{}"u8.ToArray()));
        await store.DeleteCheckpointAsync("projection");
        await store.AppendAsync("cart-4", 0, Added("b"));

        var unfiltered = await store.ReadAllAsync(GlobalPosition.Start).Select(e => e.Stream).ToListAsync();
        var byPrefix = await store.ReadAllAsync(GlobalPosition.Start, EventFilter.ForStreamPrefixes("eventfold.", "cart-")).Select(e => e.Stream).ToListAsync();
        // Names and prefixes together, so the client checks the filter (the fake applies no server-side filter).
        var byNameAndPrefix = await store.ReadAllAsync(
            GlobalPosition.Start,
            new EventFilter { EventNames = [CheckpointMapping.SavedType, CheckpointMapping.ClearedType, SnapshotMapping.EventType], StreamPrefixes = ["eventfold."] }).ToListAsync();

        Assert.Equal(["cart-4", "cart-4"], unfiltered);
        Assert.Equal(["cart-4", "cart-4"], byPrefix);
        Assert.Empty(byNameAndPrefix);
    }

    [Fact]
    public async Task A_subscription_to_all_passes_over_checkpoints_and_snapshots()
    {
        var cluster = new FakeCluster("solo");
        await using var store = Store(cluster);
        await store.AppendAsync("cart-5", ExpectedVersion.NoStream, Added("a"));
        await store.SetCheckpointAsync("projection", new GlobalPosition(100, 100));
        await store.SetSnapshotAsync(new Snapshot("cart-5", 0, "cart-state", 1, "{}"u8.ToArray()));
        await store.AppendAsync("cart-5", 0, Added("b"));
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));

        var seen = await store.SubscribeToAllAsync(null, ct: cts.Token).OfType<RecordedEvent>().Take(2).Select(e => (e.Stream, e.Version)).ToListAsync(cts.Token);

        Assert.Equal([("cart-5", 0L), ("cart-5", 1L)], seen);
    }

    [Fact]
    public async Task The_reserved_prefixes_are_refused_as_event_streams_naming_the_stream()
    {
        var cluster = new FakeCluster("solo");
        await using var store = Store(cluster);

        var append = await Assert.ThrowsAsync<InvalidStreamNameException>(() => store.AppendAsync("eventfold.checkpoint-x", ExpectedVersion.Any, Added("a")));
        await Assert.ThrowsAsync<InvalidStreamNameException>(() => store.ReadStreamAsync("eventfold.snapshot-cart-1").ToListAsync().AsTask());
        await Assert.ThrowsAsync<InvalidStreamNameException>(() => store.GetStreamVersionAsync("eventfold.snapshot-cart-1"));
        await Assert.ThrowsAsync<InvalidStreamNameException>(() => store.GetSnapshotAsync("eventfold.snapshot-cart-1"));
        await Assert.ThrowsAsync<InvalidStreamNameException>(() => store.SetSnapshotAsync(new Snapshot("$cart", 1, "t", 1, [])));

        Assert.Equal("eventfold.checkpoint-x", append.Stream);
        Assert.Contains("reserved", append.Message, StringComparison.Ordinal);
        Assert.Empty(cluster.Log);
    }
}

namespace Eventfold.StoreConformance;

public abstract partial class EventStoreConformanceTests
{
    [SkippableFact]
    public async Task A_checkpoint_is_absent_until_saved_then_holds_the_latest_position()
    {
        string consumer = Prefix + "projection";
        var stream = NewStream();
        await Store.AppendAsync(stream, ExpectedVersion.NoStream, Items(3));
        var positions = await Store.ReadAllAsync(GlobalPosition.Start, OwnStreams).Select(e => e.Position).ToListAsync();

        var before = await Store.GetCheckpointAsync(consumer);
        await Store.SetCheckpointAsync(consumer, positions[0]);
        await Store.SetCheckpointAsync(consumer, positions[2]);
        var after = await Store.GetCheckpointAsync(consumer);

        Assert.Null(before);
        Assert.Equal(positions[2], after);
        Assert.Null(await Store.GetCheckpointAsync(Prefix + "other-consumer"));
    }

    [SkippableFact]
    public async Task A_deleted_checkpoint_reads_as_absent_and_can_be_saved_again()
    {
        string consumer = Prefix + "replica";
        await Store.SetCheckpointAsync(consumer, new GlobalPosition(7, 7));

        await Store.DeleteCheckpointAsync(consumer);
        var deleted = await Store.GetCheckpointAsync(consumer);
        await Store.SetCheckpointAsync(consumer, new GlobalPosition(9, 9));

        Assert.Null(deleted);
        Assert.Equal(new GlobalPosition(9, 9), await Store.GetCheckpointAsync(consumer));
    }

    [SkippableFact]
    public async Task Checkpoints_and_snapshots_never_appear_in_the_global_log()
    {
        var stream = NewStream();
        await Store.AppendAsync(stream, ExpectedVersion.NoStream, Items(1));
        var start = (await Store.ReadAllAsync(GlobalPosition.Start, OwnStreams).FirstAsync()).Position;

        await Store.SetCheckpointAsync(Prefix + "consumer", start);
        await Store.SetSnapshotAsync(new Snapshot(stream, 0, "cart-state", 1, "{}"u8.ToArray()));
        // Unfiltered, so internal streams a store might use for them would show; other tests' streams are ignored.
        var logAfter = await Store.ReadAllAsync(start).Where(e => e.Stream.Contains(Prefix, StringComparison.Ordinal)).ToListAsync();

        Assert.Equal([stream], logAfter.Select(e => e.Stream));
    }

    [SkippableFact]
    public async Task A_snapshot_is_absent_until_saved_then_the_latest_version_is_kept()
    {
        var stream = NewStream();

        var none = await Store.GetSnapshotAsync(stream);
        await Store.SetSnapshotAsync(new Snapshot(stream, 10, "cart-state", 1, """{"items":10}"""u8.ToArray()));
        await Store.SetSnapshotAsync(new Snapshot(stream, 20, "cart-state", 2, """{"items":20}"""u8.ToArray()));
        var latest = await Store.GetSnapshotAsync(stream);

        Assert.Null(none);
        Assert.NotNull(latest);
        Assert.Equal((stream, 20L, "cart-state", 2), (latest.Stream, latest.Version, latest.StateType, latest.SchemaVersion));
        Assert.Equal("""{"items":20}""", System.Text.Encoding.UTF8.GetString(latest.Data));
        Assert.Null(await Store.GetSnapshotAsync(NewStream()));
    }

    [SkippableFact]
    public async Task An_older_snapshot_never_replaces_a_newer_one()
    {
        var stream = NewStream();
        await Store.SetSnapshotAsync(new Snapshot(stream, 50, "cart-state", 1, """{"v":50}"""u8.ToArray()));

        await Store.SetSnapshotAsync(new Snapshot(stream, 30, "cart-state", 1, """{"v":30}"""u8.ToArray()));

        Assert.Equal(50, (await Store.GetSnapshotAsync(stream))!.Version);
    }

    [SkippableFact]
    public async Task Snapshots_are_refused_for_disallowed_stream_names()
    {
        await Assert.ThrowsAsync<InvalidStreamNameException>(() => Store.SetSnapshotAsync(new Snapshot("has space", 1, "t", 1, [])));
        await Assert.ThrowsAsync<InvalidStreamNameException>(() => Store.GetSnapshotAsync("$bad"));
    }
}

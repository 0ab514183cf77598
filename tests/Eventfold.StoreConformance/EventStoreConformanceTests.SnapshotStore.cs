using System.Text;

namespace Eventfold.StoreConformance;

// The snapshot store itself: deletion, racing writers, and data kept byte for byte.
public abstract partial class EventStoreConformanceTests
{
    [SkippableFact]
    public async Task A_deleted_snapshot_reads_as_absent_and_then_any_version_is_kept()
    {
        var stream = NewStream();
        await Store.SetSnapshotAsync(new Snapshot(stream, 40, "cart-state", 1, """{"v":40}"""u8.ToArray()));

        await Store.DeleteSnapshotAsync(stream);
        var deleted = await Store.GetSnapshotAsync(stream);
        // Lower than the deleted one: after a delete nothing holds a later snapshot back.
        await Store.SetSnapshotAsync(new Snapshot(stream, 7, "cart-state", 1, """{"v":7}"""u8.ToArray()));

        Assert.Null(deleted);
        var kept = await Store.GetSnapshotAsync(stream);
        Assert.Equal((7L, """{"v":7}"""), (kept!.Version, Encoding.UTF8.GetString(kept.Data)));
    }

    [SkippableFact]
    public async Task Deleting_a_snapshot_that_does_not_exist_changes_nothing()
    {
        var stream = NewStream();
        var other = NewStream();
        await Store.SetSnapshotAsync(new Snapshot(other, 3, "cart-state", 1, "{}"u8.ToArray()));

        await Store.DeleteSnapshotAsync(stream);

        Assert.Null(await Store.GetSnapshotAsync(stream));
        Assert.Equal(3, (await Store.GetSnapshotAsync(other))!.Version);
        await Assert.ThrowsAsync<InvalidStreamNameException>(() => Store.DeleteSnapshotAsync("$bad"));
    }

    [SkippableFact]
    public async Task Racing_snapshot_writers_leave_the_highest_version_kept()
    {
        var stream = NewStream();
        int[] versions = [.. Enumerable.Range(1, 16).OrderBy(v => (v * 5) % 16)];

        await Task.WhenAll(versions.Select(v => Task.Run(() =>
            Store.SetSnapshotAsync(new Snapshot(stream, v, "cart-state", 1, Encoding.UTF8.GetBytes($$"""{"v":{{v}}}"""))))));

        var kept = await Store.GetSnapshotAsync(stream);
        Assert.Equal((16L, """{"v":16}"""), (kept!.Version, Encoding.UTF8.GetString(kept.Data)));
    }

    [SkippableFact]
    public async Task A_snapshots_data_comes_back_byte_for_byte()
    {
        var stream = NewStream();
        // Non-ASCII text, escapes and insignificant white space, 20 KB: a store must not re-encode the JSON.
        string json = "{ \"name\" : \"Zoë – 東京\\n\", \"pad\": \"" + new string('x', 20_000) + "\" }";
        byte[] data = Encoding.UTF8.GetBytes(json);

        await Store.SetSnapshotAsync(new Snapshot(stream, 2, "cart-state", 4, data));
        data[0] = (byte)'X'; // the caller's buffer, changed after the write, must not change what is kept

        var kept = await Store.GetSnapshotAsync(stream);
        Assert.Equal(Encoding.UTF8.GetBytes(json), kept!.Data);
    }
}

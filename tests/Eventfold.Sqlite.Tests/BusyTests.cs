using System.Diagnostics;
using Microsoft.Data.Sqlite;

namespace Eventfold.Sqlite.Tests;

/// <summary>Another connection holding SQLite's write lock, as another process would.</summary>
public sealed class BusyTests : IDisposable
{
    private readonly TempDatabase _db = new();

    public void Dispose() => _db.Dispose();

    [Fact]
    public async Task An_append_waits_for_another_writer_and_goes_ahead_when_it_commits()
    {
        await using var store = new SqliteEventStore(_db.Path, TestEvents.Options());
        using var other = SchemaTests.OpenRaw(_db.Path);
        SchemaTests.Query(other, "BEGIN IMMEDIATE;");

        var append = Task.Run(() => store.AppendAsync("s", ExpectedVersion.NoStream, [TestEvents.Added("a")]));
        await Task.Delay(300);
        Assert.False(append.IsCompleted, "the append did not wait for the write lock");
        SchemaTests.Query(other, "COMMIT;");

        var result = await append.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(0, result.NextExpectedVersion);
    }

    [Fact]
    public async Task Waiting_for_the_lock_is_asynchronous_and_a_cancelled_append_writes_nothing()
    {
        await using var store = new SqliteEventStore(_db.Path, TestEvents.Options());
        using (var other = SchemaTests.OpenRaw(_db.Path))
        {
            SchemaTests.Query(other, "BEGIN IMMEDIATE;");
            using var cts = new CancellationTokenSource();

            // The call itself must hand back a pending Task at once, not block its caller's thread for the wait.
            var clock = Stopwatch.StartNew();
            var append = store.AppendAsync("s", ExpectedVersion.Any, [TestEvents.Added("a")], cts.Token);
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1), $"AppendAsync blocked its caller for {clock.Elapsed}");
            Assert.False(append.IsCompleted);

            await Task.Delay(200);
            clock.Restart();
            cts.Cancel();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => append.WaitAsync(TimeSpan.FromSeconds(5)));
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"the cancelled append took {clock.Elapsed} to stop");
            SchemaTests.Query(other, "ROLLBACK;");
        }

        Assert.Equal(-1, await store.GetStreamVersionAsync("s"));
        await store.AppendAsync("s", ExpectedVersion.NoStream, [TestEvents.Added("b")]);
        Assert.Equal(0, await store.GetStreamVersionAsync("s"));
    }

    [Fact]
    public async Task An_append_gives_up_after_the_busy_timeout_naming_stream_and_file_and_writes_nothing()
    {
        var options = new SqliteEventStoreOptions { Serializer = TestEvents.Serializer, BusyTimeout = TimeSpan.FromMilliseconds(300) };
        await using var store = new SqliteEventStore(_db.Path, options);
        using (var other = SchemaTests.OpenRaw(_db.Path))
        {
            SchemaTests.Query(other, "BEGIN IMMEDIATE;");
            var clock = Stopwatch.StartNew();
            var error = await Assert.ThrowsAsync<TimeoutException>(() => store.AppendAsync("cart-7", ExpectedVersion.Any, [TestEvents.Added("a")]));
            Assert.InRange(clock.Elapsed, TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(3));
            Assert.Contains("'cart-7'", error.Message);
            Assert.Contains(_db.Path, error.Message);
            Assert.Equal(5, Assert.IsType<SqliteException>(error.InnerException).SqliteErrorCode); // SQLITE_BUSY
            SchemaTests.Query(other, "ROLLBACK;");
        }

        Assert.Equal(-1, await store.GetStreamVersionAsync("cart-7"));
        await store.AppendAsync("cart-7", ExpectedVersion.NoStream, [TestEvents.Added("b")]);
        Assert.Equal(0, await store.GetStreamVersionAsync("cart-7"));
    }

    [Fact]
    public async Task Checkpoint_and_snapshot_writes_wait_asynchronously_too_and_honour_cancellation()
    {
        await using var store = new SqliteEventStore(_db.Path, TestEvents.Options());
        using var other = SchemaTests.OpenRaw(_db.Path);
        SchemaTests.Query(other, "BEGIN IMMEDIATE;");
        using var cts = new CancellationTokenSource();

        var clock = Stopwatch.StartNew();
        var checkpoint = store.SetCheckpointAsync("projector", GlobalPosition.FromSequence(3), cts.Token);
        var snapshot = store.SetSnapshotAsync(new Snapshot("cart-1", 0, "Cart", 1, [1]), cts.Token);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1), $"the writes blocked their caller for {clock.Elapsed}");
        Assert.False(checkpoint.IsCompleted);

        cts.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => checkpoint.WaitAsync(TimeSpan.FromSeconds(5)));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => snapshot.WaitAsync(TimeSpan.FromSeconds(5)));
        SchemaTests.Query(other, "ROLLBACK;");
        Assert.Null(await store.GetCheckpointAsync("projector"));
    }
}

namespace Eventfold.Sqlite.Tests;

/// <summary>What a copy of the store holds: the closed file alone, or an online backup taken while appends run.</summary>
public sealed class FileCopyTests : IDisposable
{
    private readonly TempDatabase _db = new();

    public void Dispose() => _db.Dispose();

    [Fact]
    public async Task After_DisposeAsync_the_main_file_alone_holds_every_event_even_with_reads_in_flight()
    {
        var store = new SqliteEventStore(_db.Path, TestEvents.Options());
        int appended = 0;
        for (int i = 0; i < 60; i++)
        {
            await store.AppendAsync($"cart-{i}", ExpectedVersion.NoStream, TestEvents.Added(1000));
            appended += 1000;
        }

        await store.AppendAsync("rare-1", ExpectedVersion.NoStream, [TestEvents.Added("x")]);
        appended++;

        // Readers still scanning the log (a filter that matches only the last event) while the store closes.
        using var stop = new CancellationTokenSource();
        var readers = Enumerable.Range(0, 2).Select(_ => Task.Run(async () =>
        {
            try
            {
                while (!stop.IsCancellationRequested)
                {
                    Assert.Equal(1, await store.ReadAllAsync(GlobalPosition.Start, EventFilter.ForStreamPrefixes("rare-")).CountAsync());
                }
            }
            catch (ObjectDisposedException)
            {
            }
        })).ToArray();
        await Task.Delay(200);
        await store.DisposeAsync();

        // At once, before the readers stop: the closed store must leave nothing open to finish later.
        bool walLeft = File.Exists(_db.Path + "-wal");
        string copy = Path.Combine(_db.Folder, "copy", "events.db");
        Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
        File.Copy(_db.Path, copy);
        stop.Cancel();
        await Task.WhenAll(readers);

        Assert.False(walLeft, "the -wal file was left beside the closed store");
        await AssertIntactAsync(copy, appended);
    }

    [Fact]
    public async Task BackupAsync_while_appends_run_gives_an_intact_file_holding_a_prefix_of_the_log_with_no_gap()
    {
        await using var store = new SqliteEventStore(_db.Path, TestEvents.Options());
        await store.AppendAsync("seed", ExpectedVersion.NoStream, TestEvents.Added(100));
        using var stop = new CancellationTokenSource();
        var writers = Enumerable.Range(0, 2).Select(w => Task.Run(async () =>
        {
            int n = 0;
            while (!stop.IsCancellationRequested)
            {
                await store.AppendAsync($"w{w}-{n++}", ExpectedVersion.NoStream, TestEvents.Added(10));
            }

            return n;
        })).ToArray();
        await Task.Delay(150);

        string backup = Path.Combine(_db.Folder, "backups", "events-backup.db");
        await store.BackupAsync(backup);
        await Task.Delay(100);
        stop.Cancel();
        await Task.WhenAll(writers);

        Assert.False(File.Exists(backup + "-wal"));
        var live = await store.ReadAllAsync(GlobalPosition.Start).ToListAsync();
        await using var copy = new SqliteEventStore(backup, TestEvents.Options());
        var saved = await copy.ReadAllAsync(GlobalPosition.Start).ToListAsync();
        Assert.InRange(saved.Count, 100, live.Count - 1); // appends ran before and after the snapshot
        Assert.Equal(0, saved.Count % 10); // whole appends only
        Assert.Equal(live.Take(saved.Count).Select(e => e.EventId), saved.Select(e => e.EventId));
        Assert.Equal(Enumerable.Range(1, saved.Count).Select(p => (ulong)p), saved.Select(e => e.Position.Commit));
        await copy.DisposeAsync();
        using var raw = SchemaTests.OpenRaw(backup);
        Assert.Equal("ok", SchemaTests.Query(raw, "PRAGMA integrity_check;").Single());
    }

    [Fact]
    public async Task BackupAsync_replaces_an_older_backup_and_refuses_the_stores_own_file()
    {
        await using var store = new SqliteEventStore(_db.Path, TestEvents.Options());
        string backup = Path.Combine(_db.Folder, "backup.db");
        await store.AppendAsync("a", ExpectedVersion.NoStream, TestEvents.Added(1));
        await store.BackupAsync(backup);
        await store.AppendAsync("b", ExpectedVersion.NoStream, TestEvents.Added(2));
        await store.BackupAsync(backup);

        await AssertIntactAsync(backup, 3);
        await Assert.ThrowsAsync<ArgumentException>(() => store.BackupAsync(_db.Path));
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.BackupAsync(backup + "2", cancelled.Token));
        Assert.False(File.Exists(backup + "2"));
    }

    private static async Task AssertIntactAsync(string path, int events)
    {
        using (var raw = SchemaTests.OpenRaw(path))
        {
            Assert.Equal("ok", SchemaTests.Query(raw, "PRAGMA integrity_check;").Single());
        }

        await using var store = new SqliteEventStore(path, TestEvents.Options());
        Assert.Equal(events, await store.ReadAllAsync(GlobalPosition.Start).CountAsync());
    }
}

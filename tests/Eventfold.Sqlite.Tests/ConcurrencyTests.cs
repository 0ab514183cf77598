namespace Eventfold.Sqlite.Tests;

public sealed class ConcurrencyTests : IDisposable
{
    private readonly TempDatabase _db = new();

    public void Dispose() => _db.Dispose();

    [Fact]
    public async Task Many_writers_on_one_stream_with_optimistic_retries_store_every_event_once_in_order()
    {
        const int writers = 8, appendsEach = 50;
        await using var store = new SqliteEventStore(_db.Path, TestEvents.Options());
        int conflicts = 0, readFirstVersion = 0;
        var everyoneReadFirstVersion = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        async Task WriteAsync(int writer)
        {
            for (int i = 0; i < appendsEach; i++)
            {
                var e = TestEvents.Added($"w{writer}-{i}", writer);
                while (true)
                {
                    long version = await store.GetStreamVersionAsync("shared");
                    // The first appends all start from the same version, so the race surely happens.
                    int arrived = i == 0 ? Interlocked.Increment(ref readFirstVersion) : int.MaxValue;
                    if (arrived == writers)
                    {
                        everyoneReadFirstVersion.TrySetResult();
                    }

                    if (arrived <= writers)
                    {
                        await everyoneReadFirstVersion.Task;
                    }

                    try
                    {
                        await store.AppendAsync("shared", ExpectedVersion.Exactly(version), [e]);
                        break;
                    }
                    catch (WrongExpectedVersionException)
                    {
                        Interlocked.Increment(ref conflicts);
                    }
                }
            }
        }

        await Task.WhenAll(Enumerable.Range(0, writers).Select(w => Task.Run(() => WriteAsync(w))));

        var events = await store.ReadStreamAsync("shared").ToListAsync();
        Assert.Equal(writers * appendsEach, events.Count);
        Assert.Equal(Enumerable.Range(0, writers * appendsEach).Select(v => (long)v), events.Select(e => e.Version));
        Assert.Equal(events.Count, events.Select(e => e.EventId).Distinct().Count());
        Assert.Equal(events.Count, events.Select(e => ((ItemAdded)e.Event).Sku).Distinct().Count());
        for (int w = 0; w < writers; w++)
        {
            // Each writer's own events keep the order it wrote them in.
            var mine = events.Select(e => (ItemAdded)e.Event).Where(a => a.Quantity == w).Select(a => a.Sku);
            Assert.Equal(Enumerable.Range(0, appendsEach).Select(i => $"w{w}-{i}"), mine);
        }

        Assert.True(conflicts >= writers - 1, $"only {conflicts} conflicts: the writers did not race");
    }

    [Fact]
    public async Task Parallel_appends_to_many_streams_fill_the_global_log_without_gaps()
    {
        await using var store = new SqliteEventStore(_db.Path, TestEvents.Options(readPageSize: 64));
        await Task.WhenAll(Enumerable.Range(0, 16).Select(s => Task.Run(async () =>
        {
            for (int i = 0; i < 20; i++)
            {
                await store.AppendAsync($"stream-{s}", ExpectedVersion.Exactly(i * 3 - 1), TestEvents.Added(3, $"s{s}b{i}"));
            }
        })));

        var all = await store.ReadAllAsync(GlobalPosition.Start).ToListAsync();
        Assert.Equal(Enumerable.Range(1, 16 * 20 * 3).Select(p => (ulong)p), all.Select(e => e.Position.Commit));
        foreach (var stream in all.GroupBy(e => e.Stream))
        {
            Assert.Equal(Enumerable.Range(0, 60).Select(v => (long)v), stream.Select(e => e.Version));
        }
    }

    [Fact]
    public async Task Reads_run_while_appends_continue()
    {
        await using var store = new SqliteEventStore(_db.Path, TestEvents.Options(readPageSize: 16));
        using var stop = new CancellationTokenSource();
        var writing = Task.Run(async () =>
        {
            int batches = 0;
            while (!stop.IsCancellationRequested)
            {
                await store.AppendAsync("s", ExpectedVersion.Any, TestEvents.Added(4, $"b{batches++}"));
            }
        });

        for (int round = 0; round < 20; round++)
        {
            var events = await store.ReadStreamAsync("s").ToListAsync();
            Assert.Equal(0, events.Count % 4);
            Assert.Equal(Enumerable.Range(0, events.Count).Select(v => (long)v), events.Select(e => e.Version));
        }

        stop.Cancel();
        await writing;
    }
}

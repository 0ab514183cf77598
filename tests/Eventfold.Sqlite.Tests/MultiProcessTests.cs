using Eventfold.Sqlite.CrashHost;

namespace Eventfold.Sqlite.Tests;

/// <summary>Real child processes on one file: two writers at once, and writers killed in the middle of appending.</summary>
public sealed class MultiProcessTests : IDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);
    private readonly TempDatabase _db = new();

    public void Dispose() => _db.Dispose();

    [Fact]
    public async Task Two_processes_appending_to_one_stream_at_once_store_every_event_once_in_order()
    {
        const int appendsEach = 300;
        string goFile = Path.Combine(_db.Folder, "go");
        await using var first = CrashHostProcess.Contend(_db.Path, "shared", "A", appendsEach, goFile);
        await using var second = CrashHostProcess.Contend(_db.Path, "shared", "B", appendsEach, goFile);
        await Task.WhenAll(first.WaitUntilReadyAsync(StartTimeout), second.WaitUntilReadyAsync(StartTimeout));
        await File.WriteAllTextAsync(goFile, "go");

        await Task.WhenAll(first.WaitForExitAsync(TimeSpan.FromSeconds(60)), second.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        Assert.True(first.ExitCode == 0, first.Output);
        Assert.True(second.ExitCode == 0, second.Output);

        await using var store = new SqliteEventStore(_db.Path, new SqliteEventStoreOptions { Serializer = CrashHostEvent.CreateSerializer() });
        var events = await store.ReadStreamAsync("shared").ToListAsync();
        Assert.Equal(2 * appendsEach * 2, events.Count);
        Assert.Equal(Enumerable.Range(0, events.Count).Select(v => (long)v), events.Select(e => e.Version));
        Assert.Equal(events.Count, events.Select(e => e.EventId).Distinct().Count());
        AssertBatchesWhole(events);

        var payloads = events.Select(e => (CrashHostEvent)e.Event).ToList();
        foreach (string writer in new[] { "A", "B" })
        {
            var batches = payloads.Where(p => p.Writer == writer && p.Index == 0).Select(p => p.Batch);
            Assert.Equal(Enumerable.Range(0, appendsEach), batches);
        }

        int switches = payloads.Zip(payloads.Skip(1)).Count(pair => pair.First.Writer != pair.Second.Writer);
        Assert.True(switches >= 2, $"the two processes never interleaved (writer switches: {switches}), so they did not write at once");
        Assert.Equal(events.Select(e => e.Position).Order(), events.Select(e => e.Position));
    }

    [Fact]
    public async Task Killing_a_process_mid_append_never_leaves_a_torn_batch()
    {
        const int rounds = 8;
        var random = new Random();
        var options = new SqliteEventStoreOptions { Serializer = CrashHostEvent.CreateSerializer() };
        int roundsKilledMidLoop = 0;

        for (int round = 0; round < rounds; round++)
        {
            await using (var host = CrashHostProcess.AppendBatches(_db.Path, "crash", $"round-{round}"))
            {
                await host.WaitUntilReadyAsync(StartTimeout);
                await Task.Delay(random.Next(0, 150));
                Assert.False(host.HasExited, $"the host stopped before it was killed:\n{host.Output}");
                await host.KillAsync();
            }

            await using var store = new SqliteEventStore(_db.Path, options);
            var events = await store.ReadStreamAsync("crash").ToListAsync();
            Assert.Equal(Enumerable.Range(0, events.Count).Select(v => (long)v), events.Select(e => e.Version));
            AssertBatchesWhole(events);

            // The store still takes appends at the right version after the crash.
            var check = Enumerable.Range(0, 2).Select(i => EventData.From(new CrashHostEvent("checker", round, 2, i, ""))).ToArray();
            var result = await store.AppendAsync("crash", ExpectedVersion.Exactly(events.Count - 1), check);
            Assert.Equal(events.Count + 1, result.NextExpectedVersion);

            // The host was killed while appending, not before it began: it got batches in after its first.
            int batchesThisRound = events.Select(e => (CrashHostEvent)e.Event).Count(e => e.Writer == $"round-{round}" && e.Index == 0);
            if (batchesThisRound > 1)
            {
                roundsKilledMidLoop++;
            }
        }

        Assert.True(roundsKilledMidLoop >= rounds / 2, $"only {roundsKilledMidLoop} of {rounds} hosts were killed in their append loop");
        using var raw = SchemaTests.OpenRaw(_db.Path);
        Assert.Equal(["ok"], SchemaTests.Query(raw, "PRAGMA integrity_check;"));
    }

    /// <summary>Every batch is whole: its events sit at consecutive versions, indexes 0 to size - 1, none missing.</summary>
    private static void AssertBatchesWhole(IReadOnlyList<RecordedEvent> events)
    {
        CrashHostEvent? open = null;
        foreach (var recorded in events)
        {
            var e = (CrashHostEvent)recorded.Event;
            if (open is null)
            {
                Assert.True(e.Index == 0, $"version {recorded.Version} starts in the middle of batch {e.Batch} of '{e.Writer}'");
            }
            else
            {
                Assert.True(
                    e.Writer == open.Writer && e.Batch == open.Batch && e.Size == open.Size && e.Index == open.Index + 1,
                    $"version {recorded.Version} ({e}) breaks batch {open.Batch} of '{open.Writer}', which had {open.Index + 1} of {open.Size} events");
            }

            open = e.Index == e.Size - 1 ? null : e;
        }

        Assert.True(open is null, $"the last batch ({open?.Batch} of '{open?.Writer}') is torn: {open?.Index + 1} of {open?.Size} events");
    }
}

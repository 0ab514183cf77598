using Eventfold.Sqlite.CrashHost;

namespace Eventfold.Sqlite.Tests;

/// <summary>
/// A StreamMigration killed mid-run, in a real child process, and rerun: the target ends exactly as an
/// uninterrupted migration of the same source writes it (ids included), and the source is marked once.
/// </summary>
public sealed class MigrationCrashTests : IDisposable
{
    private const int SourceEvents = 1200;
    private readonly TempDatabase _db = new();
    private readonly TempDatabase _reference = new();

    public void Dispose()
    {
        _db.Dispose();
        _reference.Dispose();
    }

    [Fact]
    public async Task A_migration_killed_twice_and_rerun_equals_an_uninterrupted_one()
    {
        await WriteSourceAsync(_db.Path);
        await WriteSourceAsync(_reference.Path);
        await using (var reference = new SqliteEventStore(_reference.Path, new SqliteEventStoreOptions { Serializer = MigrationScript.CreateSerializer() }))
        {
            await new StreamMigration(reference, MigrationScript.Map, MigrationScript.Options).RunAsync("old-1", "new-1");
        }

        var atKills = new List<long>();
        // Killed once the target has passed a point (polled, so a slow machine only takes longer), then rerun.
        foreach (long killPast in new[] { 100L, 600L })
        {
            await using var host = CrashHostProcess.Migrate(_db.Path, "old-1", "new-1");
            await host.WaitUntilReadyAsync(TimeSpan.FromSeconds(60));
            var deadline = DateTime.UtcNow.AddSeconds(120);
            while (await VersionOfAsync(_db.Path, "new-1") < killPast && !host.HasExited)
            {
                Assert.True(DateTime.UtcNow < deadline, "the migration made no progress:\n" + host.Output);
                await Task.Delay(5);
            }

            Assert.False(host.HasExited, "the migration finished before it could be killed:\n" + host.Output);
            await host.KillAsync();
            atKills.Add(await VersionOfAsync(_db.Path, "new-1"));
        }

        await using (var host = CrashHostProcess.Migrate(_db.Path, "old-1", "new-1"))
        {
            await host.WaitForExitAsync(TimeSpan.FromSeconds(180));
            Assert.Contains("done", host.Output);
        }

        var expected = await ContentsAsync(_reference.Path, "new-1");
        Assert.InRange(atKills[0], 100, atKills[1]);
        Assert.InRange(atKills[1], 600, expected.Count - 2);
        Assert.Equal(expected, await ContentsAsync(_db.Path, "new-1"));
        var source = await ContentsAsync(_db.Path, "old-1");
        Assert.Equal(SourceEvents + 1, source.Count);
        Assert.Contains("CrashHostMoved { Target = new-1, Through = 1199 }", source[^1]);
    }

    private static async Task WriteSourceAsync(string path)
    {
        await using var store = new SqliteEventStore(path, new SqliteEventStoreOptions { Serializer = MigrationScript.CreateSerializer() });
        var events = Enumerable.Range(0, SourceEvents).Select(i => EventData.From(new CrashHostEvent("w", i / 8, 8, i % 8, "p"))).ToArray();
        await store.AppendAsync("old-1", ExpectedVersion.NoStream, events);
    }

    private static async Task<long> VersionOfAsync(string path, string stream)
    {
        await using var store = new SqliteEventStore(path, new SqliteEventStoreOptions { Serializer = MigrationScript.CreateSerializer() });
        return await store.GetStreamVersionAsync(stream);
    }

    /// <summary>Each event with its id, payload and provenance (the source timestamp differs between the two files, so it is left out).</summary>
    private static async Task<List<string>> ContentsAsync(string path, string stream)
    {
        await using var store = new SqliteEventStore(path, new SqliteEventStoreOptions { Serializer = MigrationScript.CreateSerializer() });
        return await store.ReadStreamAsync(stream, StreamReadOptions.Forwards).Select(e =>
            $"{e.Version} {(e.Stream == "old-1" ? "" : e.EventId)} {e.EventName}@{e.SchemaVersion} {e.Event} " +
            string.Join(",", (e.Metadata.Headers ?? new Dictionary<string, string>()).Where(h => h.Key != MigrationHeaders.SourceTimestamp).OrderBy(h => h.Key, StringComparer.Ordinal).Select(h => h.Key + "=" + h.Value)))
            .ToListAsync();
    }
}

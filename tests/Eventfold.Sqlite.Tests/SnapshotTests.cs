using Eventfold.Tests.Aggregates.Snapshots;
using Microsoft.Extensions.Time.Testing;

namespace Eventfold.Sqlite.Tests;

/// <summary>The snapshot scenarios of Eventfold.Tests on a SQLite file, with snapshots read back from the file.</summary>
public sealed class SnapshotTests : IDisposable
{
    private readonly TempDatabase _db = new();

    public void Dispose() => _db.Dispose();

    public static TheoryData<int> Seeds() => [.. Enumerable.Range(0, 20)];

    [Theory]
    [MemberData(nameof(Seeds))]
    public async Task Snapshot_plus_tail_equals_a_full_replay(int seed)
    {
        await using var store = new SqliteEventStore(_db.Path);

        await SnapshotScenarios.SnapshotPlusTailEqualsFullReplayAsync(store, seed);
    }

    [Fact]
    public async Task Temporal_loads_with_a_snapshot_equal_those_without()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero));
        await using var store = new SqliteEventStore(_db.Path, new SqliteEventStoreOptions { TimeProvider = clock });

        await SnapshotScenarios.TemporalLoadsAgreeWithFullReplayAsync(store, clock.GetUtcNow, () => clock.Advance(TimeSpan.FromMinutes(1)));
    }

    [Fact]
    public async Task A_snapshot_survives_reopening_the_file_and_serves_the_next_load()
    {
        Ledger saved;
        await using (var store = new SqliteEventStore(_db.Path))
        {
            var ledgers = new AggregateRepository<Ledger>(store);
            saved = ledgers.Create("l-1");
            for (int i = 0; i < 23; i++)
            {
                saved.Post("a" + (i % 4), i, "m" + i);
            }

            await ledgers.SaveAsync(saved);
            await SnapshotScenarios.WaitForSnapshotAsync(store, "l-1", 22);
        }

        await using var reopened = new SqliteEventStore(_db.Path);
        var reads = new ReadRecordingStore(reopened);

        var loaded = await new AggregateRepository<Ledger>(reads).LoadAsync("l-1");

        Assert.Equal(saved.Describe(), loaded!.Describe());
        Assert.Equal([23L], reads.FromVersions);
    }
}

namespace Eventfold.Sqlite.Tests;

/// <summary>
/// A read filtered by event names switches between the names' index and a scan in position order as the
/// density of matches changes (<see cref="FilteredReadPlan"/>); both plans must return exactly the matching
/// events, in order, across every switch.
/// </summary>
public sealed class FilteredReadPlanTests : IAsyncLifetime
{
    private readonly TempDatabase _db = new();
    private SqliteEventStore _store = null!;

    public Task InitializeAsync()
    {
        _store = new SqliteEventStore(_db.Path, TestEvents.Options(readPageSize: 4));
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _store.DisposeAsync();
        _db.Dispose();
    }

    [Theory]
    [InlineData(4, 4, 1, true)]   // every position matched: scan
    [InlineData(4, 1, 16, true)]  // one in four: scan
    [InlineData(4, 1, 17, false)] // sparser: the index
    [InlineData(0, 1, 1, false)]  // nothing read
    public void The_next_page_is_scanned_only_after_a_dense_one(int rows, long first, long last, bool scan) =>
        Assert.Equal(scan, FilteredReadPlan.ScanNextPage(rows, first, last));

    [Fact]
    public async Task A_read_through_dense_and_sparse_stretches_returns_exactly_the_matching_events_in_order()
    {
        // Dense (all added), sparse (one removal in 15), dense again, then a tail of removals only.
        await _store.AppendAsync("dense-1", ExpectedVersion.Any, TestEvents.Added(30, "d1"));
        for (int i = 0; i < 60; i++)
        {
            await _store.AppendAsync($"sparse-{i % 3}", ExpectedVersion.Any, [i % 15 == 0 ? TestEvents.Added($"s-{i}") : TestEvents.Removed($"s-{i}")]);
        }

        await _store.AppendAsync("dense-2", ExpectedVersion.Any, TestEvents.Added(25, "d2"));
        await _store.AppendAsync("tail", ExpectedVersion.Any, Enumerable.Range(0, 9).Select(i => TestEvents.Removed($"t-{i}")).ToArray());

        var all = await _store.ReadAllAsync(GlobalPosition.Start).ToListAsync();
        EventFilter[] filters =
        [
            EventFilter.ForEventNames("ItemAdded"),
            EventFilter.ForEventNames("ItemAdded", "ItemRemoved"),
            EventFilter.ForEventNames("ItemRemoved", "Blob"),
            new() { EventNames = ["ItemAdded"], StreamPrefixes = ["dense-2", "sparse-1"] },
        ];
        foreach (var filter in filters)
        {
            foreach (ulong from in new ulong[] { 0, 1, 29, 31, 50, 91, 116, 124 })
            {
                var expected = all.Where(e => e.Position.Commit >= from && filter.Matches(e.Stream, e.EventName)).Select(e => e.EventId).ToList();
                var actual = await _store.ReadAllAsync(GlobalPosition.FromSequence((long)from), filter).Select(e => e.EventId).ToListAsync();
                Assert.Equal(expected, actual);
            }
        }
    }

    [Fact]
    public async Task A_subscription_filtered_to_every_name_it_meets_delivers_the_whole_log_once()
    {
        await _store.AppendAsync("a", ExpectedVersion.Any, TestEvents.Added(40, "a"));
        await _store.AppendAsync("b", ExpectedVersion.Any, Enumerable.Range(0, 13).Select(i => TestEvents.Removed($"b-{i}")).ToArray());

        var delivered = new List<long>();
        await foreach (var message in _store.SubscribeToAllAsync(null, SubscriptionOptions.For(EventFilter.ForEventNames("ItemAdded", "ItemRemoved"))))
        {
            if (message is RecordedEvent e)
            {
                delivered.Add((long)e.Position.Commit);
            }
            else if (message is CaughtUp)
            {
                break;
            }
        }

        Assert.Equal(Enumerable.Range(1, 53).Select(i => (long)i), delivered);
    }

    [Fact]
    public async Task The_scan_plan_walks_the_log_by_position_without_the_name_index_or_a_sort()
    {
        var sql = EventFilterSql.From(EventFilter.ForEventNames("ItemAdded", "ItemRemoved"));
        Assert.True(sql.HasNames);
        Assert.False(EventFilterSql.From(EventFilter.ForStreamPrefixes("a")).HasNames);
        await _store.AppendAsync("a", ExpectedVersion.Any, TestEvents.Added(3, "a"));
        using var raw = SchemaTests.OpenRaw(_db.Path);

        string Plan(string condition)
        {
            using var command = raw.CreateCommand();
            command.CommandText = $"EXPLAIN QUERY PLAN SELECT * FROM events WHERE position >= 1 AND position <= 100{condition} ORDER BY position LIMIT 4;";
            command.Parameters.AddWithValue("$name0", "ItemAdded");
            command.Parameters.AddWithValue("$name1", "ItemRemoved");
            using var reader = command.ExecuteReader();
            var lines = new List<string>();
            while (reader.Read())
            {
                lines.Add(reader.GetString(3));
            }

            return string.Join(" | ", lines);
        }

        string scan = Plan(sql.ScanCondition);
        Assert.DoesNotContain("events_by_event_name", scan, StringComparison.Ordinal);
        Assert.DoesNotContain("TEMP B-TREE", scan, StringComparison.Ordinal);
        Assert.Contains("events_by_event_name", Plan(sql.Condition), StringComparison.Ordinal);
    }
}

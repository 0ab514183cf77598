namespace Eventfold.Sqlite.Tests;

public sealed class ReadTests : IAsyncLifetime
{
    private readonly TempDatabase _db = new();
    private SqliteEventStore _store = null!;

    // A small page, so every read below crosses several pages.
    public Task InitializeAsync()
    {
        _store = new SqliteEventStore(_db.Path, TestEvents.Options(readPageSize: 3));
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _store.DisposeAsync();
        _db.Dispose();
    }

    [Fact]
    public async Task Reads_a_stream_forwards_across_pages_from_a_version_with_a_max_count()
    {
        await _store.AppendAsync("s", ExpectedVersion.Any, TestEvents.Added(10));
        await _store.AppendAsync("other", ExpectedVersion.Any, TestEvents.Added(4));

        Assert.Equal(Range(0, 10), await Versions(new StreamReadOptions()));
        Assert.Equal(Range(4, 6), await Versions(new StreamReadOptions(ReadDirection.Forwards, 4)));
        Assert.Equal(Range(4, 5), await Versions(new StreamReadOptions(ReadDirection.Forwards, 4, 5)));
        Assert.Equal(Range(0, 3), await Versions(new StreamReadOptions(ReadDirection.Forwards, null, 3)));
        Assert.Empty(await Versions(new StreamReadOptions(ReadDirection.Forwards, 10)));
        Assert.Empty(await Versions(new StreamReadOptions(ReadDirection.Forwards, 0, 0)));
    }

    [Fact]
    public async Task Reads_a_stream_backwards_across_pages_from_a_version_with_a_max_count()
    {
        await _store.AppendAsync("s", ExpectedVersion.Any, TestEvents.Added(10));

        Assert.Equal(Range(0, 10).Reverse(), await Versions(StreamReadOptions.Backwards));
        Assert.Equal(Range(0, 7).Reverse(), await Versions(new StreamReadOptions(ReadDirection.Backwards, 6)));
        Assert.Equal([6L, 5, 4, 3], await Versions(new StreamReadOptions(ReadDirection.Backwards, 6, 4)));
        Assert.Equal([9L, 8, 7, 6, 5], await Versions(new StreamReadOptions(ReadDirection.Backwards, null, 5)));
        Assert.Equal([0L], await Versions(new StreamReadOptions(ReadDirection.Backwards, 0)));
        Assert.Equal([9L], await Versions(new StreamReadOptions(ReadDirection.Backwards, 100, 1)));
    }

    [Fact]
    public async Task A_missing_stream_reads_as_empty_at_version_minus_one()
    {
        Assert.Empty(await _store.ReadStreamAsync("missing").ToListAsync());
        Assert.Empty(await _store.ReadStreamAsync("missing", StreamReadOptions.Backwards).ToListAsync());
        Assert.Equal(-1, await _store.GetStreamVersionAsync("missing"));
    }

    [Fact]
    public async Task Reads_the_global_log_from_a_position_inclusive_across_pages()
    {
        for (int i = 0; i < 5; i++)
        {
            await _store.AppendAsync($"s-{i % 2}", ExpectedVersion.Any, TestEvents.Added(2, $"b{i}"));
        }

        var all = await _store.ReadAllAsync(GlobalPosition.Start).ToListAsync();
        Assert.Equal(Range(1, 10).Select(p => (ulong)p), all.Select(e => e.Position.Commit));
        Assert.Equal("s-0", all[0].Stream);
        Assert.Equal("s-1", all[2].Stream);
        Assert.Equal([2L, 3], all.Where(e => e.Stream == "s-0").Skip(2).Take(2).Select(e => e.Version));

        var fromSeven = await _store.ReadAllAsync(GlobalPosition.FromSequence(7)).ToListAsync();
        Assert.Equal([7UL, 8, 9, 10], fromSeven.Select(e => e.Position.Commit));
        Assert.Empty(await _store.ReadAllAsync(GlobalPosition.FromSequence(11)).ToListAsync());
    }

    [Fact]
    public async Task Filters_by_event_name_and_stream_prefix_in_the_query()
    {
        await _store.AppendAsync("cart-1", ExpectedVersion.Any, [TestEvents.Added("a"), TestEvents.Removed("a"), TestEvents.Added("b")]);
        await _store.AppendAsync("order-1", ExpectedVersion.Any, [TestEvents.Added("c"), TestEvents.Removed("c")]);
        await _store.AppendAsync("cart-2", ExpectedVersion.Any, [TestEvents.Removed("d"), TestEvents.Added("e"), TestEvents.Added("f")]);
        await _store.AppendAsync("carts", ExpectedVersion.Any, [TestEvents.Added("g")]);

        Assert.Equal(["a", "b", "c", "e", "f", "g"], await Skus(EventFilter.ForEventNames("ItemAdded")));
        Assert.Equal(["a", "a", "b", "c", "c", "d", "e", "f", "g"], await Skus(EventFilter.ForEventNames("ItemAdded", "ItemRemoved")));
        Assert.Equal(["a", "a", "b", "d", "e", "f"], await Skus(EventFilter.ForStreamPrefixes("cart-")));
        Assert.Equal(["a", "a", "b", "c", "c", "d", "e", "f"], await Skus(EventFilter.ForStreamPrefixes("cart-", "order-")));
        Assert.Equal(["a", "d"], await Skus(new EventFilter { EventNames = ["ItemRemoved"], StreamPrefixes = ["cart"] }));
        Assert.Equal(["a", "a", "b", "c", "c", "d", "e", "f", "g"], await Skus(EventFilter.ForStreamPrefixes("")));
        Assert.Empty(await Skus(EventFilter.ForEventNames()));
        Assert.Empty(await Skus(EventFilter.ForStreamPrefixes()));
        Assert.Empty(await Skus(EventFilter.ForEventNames("Unknown")));
        Assert.Empty(await Skus(EventFilter.ForStreamPrefixes("CART-")));
    }

    [Fact]
    public async Task A_stream_prefix_matches_ordinally_whatever_its_characters()
    {
        await _store.AppendAsync("café-1", ExpectedVersion.Any, [TestEvents.Added("accent")]);
        await _store.AppendAsync("cafe-1", ExpectedVersion.Any, [TestEvents.Added("plain")]);
        await _store.AppendAsync("日本-1", ExpectedVersion.Any, [TestEvents.Added("cjk")]);
        await _store.AppendAsync("%_*?[-1", ExpectedVersion.Any, [TestEvents.Added("wildcards")]);
        await _store.AppendAsync("ab-1", ExpectedVersion.Any, [TestEvents.Added("ab")]);

        Assert.Equal(["accent"], await Skus(EventFilter.ForStreamPrefixes("café")));
        Assert.Equal(["cjk"], await Skus(EventFilter.ForStreamPrefixes("日")));
        Assert.Equal(["wildcards"], await Skus(EventFilter.ForStreamPrefixes("%_*?[")));
        Assert.Empty(await Skus(EventFilter.ForStreamPrefixes("a%")));
        Assert.Empty(await Skus(EventFilter.ForStreamPrefixes("a_")));
    }

    [Fact]
    public async Task A_filtered_read_returns_the_same_as_filtering_in_memory()
    {
        var random = new Random(7);
        string[] streams = ["a-1", "a-2", "b-1", "ab-1", "c"];
        for (int i = 0; i < 60; i++)
        {
            var e = random.Next(2) == 0 ? TestEvents.Added($"{i}") : TestEvents.Removed($"{i}");
            await _store.AppendAsync(streams[random.Next(streams.Length)], ExpectedVersion.Any, [e]);
        }

        var all = await _store.ReadAllAsync(GlobalPosition.Start).ToListAsync();
        EventFilter[] filters =
        [
            EventFilter.ForEventNames("ItemRemoved"),
            EventFilter.ForStreamPrefixes("a"),
            EventFilter.ForStreamPrefixes("a-", "c"),
            new() { EventNames = ["ItemAdded"], StreamPrefixes = ["b", "ab"] },
        ];
        foreach (var filter in filters)
        {
            for (ulong from = 0; from <= 61; from += 20)
            {
                var expected = all.Where(e => e.Position.Commit >= from && filter.Matches(e.Stream, e.EventName)).Select(e => e.EventId);
                var actual = await _store.ReadAllAsync(GlobalPosition.FromSequence((long)from), filter).Select(e => e.EventId).ToListAsync();
                Assert.Equal(expected, actual);
            }
        }
    }

    [Fact]
    public async Task A_corrupt_payload_fails_the_read_naming_stream_version_and_event()
    {
        await _store.AppendAsync("cart-9", ExpectedVersion.Any, [TestEvents.Added("a"), TestEvents.Added("b"), TestEvents.Added("c")]);
        using (var raw = SchemaTests.OpenRaw(_db.Path))
        {
            // Without a checksum, as a row written before schema 3: the checksum would catch the change first.
            SchemaTests.Query(raw, "UPDATE events SET data = CAST('{\"sku\": ' AS BLOB), checksum = NULL WHERE stream = 'cart-9' AND version = 1;");
        }

        var fromStream = await Assert.ThrowsAsync<EventDeserializationException>(async () => await _store.ReadStreamAsync("cart-9").ToListAsync());
        Assert.Equal("cart-9", fromStream.Stream);
        Assert.Equal(1, fromStream.Version);
        Assert.Equal("ItemAdded", fromStream.EventName);
        Assert.Contains("'cart-9'", fromStream.Message);

        // A global read is lazy: the corrupt event throws when its payload is first used.
        var fromAll = await Assert.ThrowsAsync<EventDeserializationException>(async () => await _store.ReadAllAsync(GlobalPosition.Start).Select(e => e.Event).ToListAsync());
        Assert.Equal(("cart-9", 1L), (fromAll.Stream, fromAll.Version));

        // The events around it still read.
        Assert.Equal("c", ((ItemAdded)(await _store.ReadStreamAsync("cart-9", new StreamReadOptions(ReadDirection.Forwards, 2)).SingleAsync()).Event).Sku);
    }

    [Fact]
    public async Task An_unknown_stored_event_name_fails_the_read_naming_it()
    {
        await _store.AppendAsync("s", ExpectedVersion.Any, [TestEvents.Added("a")]);
        using (var raw = SchemaTests.OpenRaw(_db.Path))
        {
            SchemaTests.Query(raw, "UPDATE events SET event_name = 'Vanished', checksum = NULL WHERE stream = 's';");
        }

        var error = await Assert.ThrowsAsync<EventDeserializationException>(async () => await _store.ReadStreamAsync("s").ToListAsync());
        Assert.Equal("Vanished", error.EventName);
        Assert.Equal(0, error.Version);
    }

    [Fact]
    public async Task A_large_log_is_read_in_pages_while_it_grows()
    {
        await _store.AppendAsync("s", ExpectedVersion.Any, TestEvents.Added(5));
        int seen = 0;
        await foreach (var e in _store.ReadAllAsync(GlobalPosition.Start))
        {
            seen++;
            if (seen == 1)
            {
                // Lands after the first page was fetched: a paged read reaches it, a snapshot of everything would not.
                await _store.AppendAsync("s", ExpectedVersion.Any, TestEvents.Added(2, "late"));
            }
        }

        Assert.Equal(7, seen);
    }

    private async Task<List<long>> Versions(StreamReadOptions options) =>
        await _store.ReadStreamAsync("s", options).Select(e => e.Version).ToListAsync();

    private async Task<List<string>> Skus(EventFilter filter) =>
        await _store.ReadAllAsync(GlobalPosition.Start, filter)
            .Select(e => e.Event switch { ItemAdded a => a.Sku, ItemRemoved r => r.Sku, _ => "?" })
            .ToListAsync();

    private static IEnumerable<long> Range(long start, int count) => Enumerable.Range((int)start, count).Select(i => (long)i);
}

using Microsoft.Extensions.Time.Testing;

namespace Eventfold.Sqlite.Tests;

public sealed class AppendTests : IAsyncLifetime
{
    private readonly TempDatabase _db = new();
    private SqliteEventStore _store = null!;

    public Task InitializeAsync()
    {
        _store = new SqliteEventStore(_db.Path, TestEvents.Options(maxEventSizeBytes: 1024));
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _store.DisposeAsync();
        _db.Dispose();
    }

    [Fact]
    public async Task Appends_a_batch_atomically_with_contiguous_versions_and_positions()
    {
        var result = await _store.AppendAsync("cart-1", ExpectedVersion.NoStream, TestEvents.Added(3));
        Assert.Equal(2, result.NextExpectedVersion);
        Assert.Equal(GlobalPosition.FromSequence(3), result.Position);

        var events = await _store.ReadStreamAsync("cart-1").ToListAsync();
        Assert.Equal([0L, 1, 2], events.Select(e => e.Version));
        Assert.Equal([1UL, 2, 3], events.Select(e => e.Position.Commit));
        Assert.Equal(["sku-0", "sku-1", "sku-2"], events.Select(e => ((ItemAdded)e.Event).Sku));
    }

    [Fact]
    public async Task Every_expected_version_form_is_checked_against_the_stream()
    {
        await Assert.ThrowsAsync<WrongExpectedVersionException>(() => _store.AppendAsync("s", ExpectedVersion.StreamExists, [TestEvents.Added("a")]));
        await Assert.ThrowsAsync<WrongExpectedVersionException>(() => _store.AppendAsync("s", ExpectedVersion.Exactly(0), [TestEvents.Added("a")]));

        await _store.AppendAsync("s", ExpectedVersion.NoStream, [TestEvents.Added("a")]);
        await _store.AppendAsync("s", ExpectedVersion.StreamExists, [TestEvents.Added("b")]);
        await _store.AppendAsync("s", ExpectedVersion.Any, [TestEvents.Added("c")]);
        await _store.AppendAsync("s", ExpectedVersion.Exactly(2), [TestEvents.Added("d")]);

        var noStream = await Assert.ThrowsAsync<WrongExpectedVersionException>(() => _store.AppendAsync("s", ExpectedVersion.NoStream, [TestEvents.Added("e")]));
        Assert.Equal(3, noStream.ActualVersion);
        Assert.Equal("s", noStream.Stream);
        var stale = await Assert.ThrowsAsync<WrongExpectedVersionException>(() => _store.AppendAsync("s", ExpectedVersion.Exactly(1), [TestEvents.Added("e")]));
        Assert.Equal(3, stale.ActualVersion);
        Assert.Equal(ExpectedVersion.Exactly(1), stale.Expected);

        Assert.Equal(3, await _store.GetStreamVersionAsync("s"));
    }

    [Fact]
    public async Task A_retried_append_succeeds_and_writes_nothing()
    {
        var batch = TestEvents.Added(3);
        var first = await _store.AppendAsync("s", ExpectedVersion.NoStream, batch);
        await _store.AppendAsync("other", ExpectedVersion.Any, [TestEvents.Added("x")]);

        var retryExact = await _store.AppendAsync("s", ExpectedVersion.NoStream, batch);
        var retryAny = await _store.AppendAsync("s", ExpectedVersion.Any, batch);

        Assert.Equal(first, retryExact);
        Assert.Equal(first, retryAny);
        Assert.Equal(4, (await _store.ReadAllAsync(GlobalPosition.Start).ToListAsync()).Count);
    }

    [Fact]
    public async Task A_retry_of_part_of_a_stored_batch_returns_that_part()
    {
        var batch = TestEvents.Added(3);
        await _store.AppendAsync("s", ExpectedVersion.NoStream, batch);

        var result = await _store.AppendAsync("s", ExpectedVersion.Exactly(0), [batch[1], batch[2]]);
        Assert.Equal(2, result.NextExpectedVersion);
        Assert.Equal(GlobalPosition.FromSequence(3), result.Position);
        Assert.Equal(2, await _store.GetStreamVersionAsync("s"));
    }

    [Fact]
    public async Task A_stored_id_at_another_place_of_its_stream_is_a_duplicate_and_nothing_is_written()
    {
        var stored = TestEvents.Added("a");
        await _store.AppendAsync("first", ExpectedVersion.Any, [stored]);

        // Not at a place the expected version allows: not a retry either.
        await _store.AppendAsync("first", ExpectedVersion.Any, [TestEvents.Added("c")]);
        await Assert.ThrowsAsync<DuplicateEventIdException>(() => _store.AppendAsync("first", ExpectedVersion.Exactly(1), [stored]));
        Assert.Equal(1, await _store.GetStreamVersionAsync("first"));
    }

    [Fact]
    public async Task A_batch_carrying_one_id_twice_is_refused()
    {
        var e = TestEvents.Added("a");
        var error = await Assert.ThrowsAsync<ArgumentException>(() => _store.AppendAsync("s", ExpectedVersion.Any, [e, e]));
        Assert.Contains("'s'", error.Message);
        Assert.Equal(-1, await _store.GetStreamVersionAsync("s"));
    }

    [Fact]
    public async Task An_event_over_the_size_limit_fails_the_whole_append()
    {
        await _store.AppendAsync("s", ExpectedVersion.Any, [TestEvents.Added("a")]);
        var big = EventData.From(new Blob(new string('x', 2000)));

        var error = await Assert.ThrowsAsync<EventTooLargeException>(
            () => _store.AppendAsync("s", ExpectedVersion.Exactly(0), [TestEvents.Added("b"), big]));

        Assert.Equal("s", error.Stream);
        Assert.Equal(2, error.Version);
        Assert.Equal("Blob", error.EventName);
        Assert.Equal(1024, error.LimitBytes);
        Assert.True(error.SizeBytes > 2000);
        Assert.Equal(0, await _store.GetStreamVersionAsync("s"));
        Assert.Single(await _store.ReadAllAsync(GlobalPosition.Start).ToListAsync());
    }

    [Theory]
    [InlineData("")]
    [InlineData("$system")]
    [InlineData("with space")]
    public async Task Invalid_stream_names_are_refused_everywhere(string stream)
    {
        await Assert.ThrowsAsync<InvalidStreamNameException>(() => _store.AppendAsync(stream, ExpectedVersion.Any, [TestEvents.Added("a")]));
        await Assert.ThrowsAsync<InvalidStreamNameException>(() => _store.GetStreamVersionAsync(stream));
        await Assert.ThrowsAsync<InvalidStreamNameException>(async () => await _store.ReadStreamAsync(stream).ToListAsync());
    }

    [Fact]
    public async Task An_empty_append_checks_the_version_and_returns_the_stream_head()
    {
        await _store.AppendAsync("s", ExpectedVersion.Any, TestEvents.Added(2));
        var result = await _store.AppendAsync("s", ExpectedVersion.Exactly(1), []);
        Assert.Equal(new AppendResult(1, GlobalPosition.FromSequence(2)), result);
        Assert.Equal(new AppendResult(-1, GlobalPosition.Start), await _store.AppendAsync("none", ExpectedVersion.NoStream, []));
        await Assert.ThrowsAsync<WrongExpectedVersionException>(() => _store.AppendAsync("s", ExpectedVersion.NoStream, []));
    }

    [Fact]
    public async Task An_unregistered_event_type_fails_before_anything_is_written()
    {
        await Assert.ThrowsAsync<UnregisteredEventTypeException>(
            () => _store.AppendAsync("s", ExpectedVersion.Any, [TestEvents.Added("a"), EventData.From(new object())]));
        Assert.Equal(-1, await _store.GetStreamVersionAsync("s"));
    }

    [Fact]
    public async Task Timestamps_come_from_the_time_provider_and_metadata_round_trips()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 4, 5, 6, 7, TimeSpan.Zero).AddTicks(1234));
        await using var store = new SqliteEventStore(Path.Combine(_db.Folder, "timed.db"), TestEvents.Options(time: time));
        var metadata = new EventMetadata
        {
            CorrelationId = "corr-1",
            CausationId = "cause-1",
            Headers = new Dictionary<string, string> { ["tenant"] = "acme" },
        };
        await store.AppendAsync("s", ExpectedVersion.Any, [new EventData(new ItemAdded("a", 1), Guid.NewGuid(), metadata)]);

        var read = Assert.Single(await store.ReadStreamAsync("s").ToListAsync());
        Assert.Equal(time.GetUtcNow(), read.Timestamp);
        Assert.Equal("corr-1", read.Metadata.CorrelationId);
        Assert.Equal("cause-1", read.Metadata.CausationId);
        Assert.Equal("acme", read.Metadata.Headers!["tenant"]);
    }

    [Fact]
    public async Task A_disposed_store_refuses_work()
    {
        await _store.DisposeAsync();
        await Assert.ThrowsAsync<ObjectDisposedException>(() => _store.AppendAsync("s", ExpectedVersion.Any, [TestEvents.Added("a")]));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => _store.GetStreamVersionAsync("s"));
    }
}

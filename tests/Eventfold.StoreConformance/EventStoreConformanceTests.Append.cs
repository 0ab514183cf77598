namespace Eventfold.StoreConformance;

public abstract partial class EventStoreConformanceTests
{
    [SkippableFact]
    public async Task Appended_events_read_back_with_their_versions_ids_names_and_metadata()
    {
        var stream = NewStream();
        var metadata = new EventMetadata
        {
            CorrelationId = "corr-1",
            CausationId = "cause-1",
            Headers = new Dictionary<string, string> { ["tenant"] = "acme" },
        };
        var first = new EventData(new ItemAdded("apple", 3), Guid.NewGuid(), metadata);
        var second = EventData.From(new ItemRemoved("apple"));

        var result = await Store.AppendAsync(stream, ExpectedVersion.NoStream, [first, second]);

        Assert.Equal(1, result.NextExpectedVersion);
        var read = await Store.ReadStreamAsync(stream).ToListAsync();
        Assert.Equal(2, read.Count);
        Assert.Equal([0L, 1L], read.Select(e => e.Version));
        Assert.All(read, e => Assert.Equal(stream, e.Stream));
        Assert.Equal(first.EventId, read[0].EventId);
        Assert.Equal(second.EventId, read[1].EventId);
        Assert.Equal(new ItemAdded("apple", 3), read[0].Event);
        Assert.Equal(new ItemRemoved("apple"), read[1].Event);
        Assert.Equal("conformance.item-added", read[0].EventName);
        Assert.Equal(1, read[0].SchemaVersion);
        Assert.Equal("corr-1", read[0].Metadata.CorrelationId);
        Assert.Equal("cause-1", read[0].Metadata.CausationId);
        Assert.Equal("acme", read[0].Metadata.Headers!["tenant"]);
        Assert.Null(read[1].Metadata.CorrelationId);
        Assert.Equal(read[1].Position, result.Position);
        Assert.True(read[0].Position < read[1].Position);
    }

    [SkippableFact]
    public async Task Timestamps_come_from_the_store_clock()
    {
        var stream = NewStream();
        var before = UsesInjectedClock ? Clock.GetUtcNow() : DateTimeOffset.UtcNow.AddMinutes(-5);

        await Store.AppendAsync(stream, ExpectedVersion.NoStream, Items(1));
        Clock.Advance(TimeSpan.FromHours(1));
        await Store.AppendAsync(stream, 0, Items(1, 1));

        var read = await Store.ReadStreamAsync(stream).ToListAsync();
        Assert.True(read[0].Timestamp >= before);
        if (UsesInjectedClock)
        {
            Assert.Equal(before, read[0].Timestamp);
            Assert.Equal(before.AddHours(1), read[1].Timestamp);
        }
        else
        {
            Assert.True(read[1].Timestamp >= read[0].Timestamp);
        }
    }

    [SkippableFact]
    public async Task NoStream_fails_on_an_existing_stream_with_its_actual_version()
    {
        var stream = NewStream();
        await Store.AppendAsync(stream, ExpectedVersion.NoStream, Items(3));

        var ex = await Assert.ThrowsAsync<WrongExpectedVersionException>(() => Store.AppendAsync(stream, ExpectedVersion.NoStream, Items(1, 3)));

        Assert.Equal(stream, ex.Stream);
        Assert.Equal(2, ex.ActualVersion);
        Assert.Equal(ExpectedVersion.NoStream, ex.Expected);
        Assert.Equal(3, await Store.ReadStreamAsync(stream).CountAsync());
    }

    [SkippableFact]
    public async Task Exact_version_succeeds_when_it_matches_and_fails_otherwise()
    {
        var stream = NewStream();
        await Store.AppendAsync(stream, ExpectedVersion.NoStream, Items(2));

        var ok = await Store.AppendAsync(stream, 1, Items(1, 2));
        var stale = await Assert.ThrowsAsync<WrongExpectedVersionException>(() => Store.AppendAsync(stream, 1, Items(1, 3)));
        var ahead = await Assert.ThrowsAsync<WrongExpectedVersionException>(() => Store.AppendAsync(stream, 7, Items(1, 4)));

        Assert.Equal(2, ok.NextExpectedVersion);
        Assert.Equal(2, stale.ActualVersion);
        Assert.Equal(2, ahead.ActualVersion);
        Assert.Equal(3, await Store.ReadStreamAsync(stream).CountAsync());
    }

    [SkippableFact]
    public async Task Exact_version_on_a_missing_stream_fails_with_no_stream()
    {
        var ex = await Assert.ThrowsAsync<WrongExpectedVersionException>(() => Store.AppendAsync(NewStream(), 0, Items(1)));

        Assert.Equal(-1, ex.ActualVersion);
    }

    [SkippableFact]
    public async Task StreamExists_fails_on_a_missing_stream_and_succeeds_on_an_existing_one()
    {
        var stream = NewStream();

        var ex = await Assert.ThrowsAsync<WrongExpectedVersionException>(() => Store.AppendAsync(stream, ExpectedVersion.StreamExists, Items(1)));
        Assert.Equal(-1, ex.ActualVersion);

        await Store.AppendAsync(stream, ExpectedVersion.NoStream, Items(1));
        var result = await Store.AppendAsync(stream, ExpectedVersion.StreamExists, Items(1, 1));
        Assert.Equal(1, result.NextExpectedVersion);
    }

    [SkippableFact]
    public async Task Any_appends_to_new_and_existing_streams()
    {
        var stream = NewStream();

        var first = await Store.AppendAsync(stream, ExpectedVersion.Any, Items(2));
        var second = await Store.AppendAsync(stream, ExpectedVersion.Any, Items(2, 2));

        Assert.Equal(1, first.NextExpectedVersion);
        Assert.Equal(3, second.NextExpectedVersion);
        Assert.Equal([0L, 1L, 2L, 3L], await Store.ReadStreamAsync(stream).Select(e => e.Version).ToListAsync());
    }

    [SkippableFact]
    public async Task Plain_objects_append_through_the_extension()
    {
        var stream = NewStream();

        await Store.AppendAsync(stream, ExpectedVersion.NoStream, new object[] { new ItemAdded("a", 1), new ItemRemoved("a") });

        var read = await Store.ReadStreamAsync(stream).ToListAsync();
        Assert.Equal(2, read.Count);
        Assert.NotEqual(read[0].EventId, read[1].EventId);
        Assert.IsType<ItemRemoved>(read[1].Event);
    }

    [SkippableFact]
    public async Task Retrying_an_append_with_the_same_event_ids_writes_nothing_more()
    {
        var stream = NewStream();
        var batch = Items(3);

        var first = await Store.AppendAsync(stream, ExpectedVersion.NoStream, batch);
        var retry = await Store.AppendAsync(stream, ExpectedVersion.NoStream, batch);
        var retryAny = await Store.AppendAsync(stream, ExpectedVersion.Any, batch);

        Assert.Equal(first.NextExpectedVersion, retry.NextExpectedVersion);
        Assert.Equal(first.NextExpectedVersion, retryAny.NextExpectedVersion);
        var read = await Store.ReadStreamAsync(stream).ToListAsync();
        Assert.Equal(batch.Select(e => e.EventId), read.Select(e => e.EventId));
    }

    [SkippableFact]
    public async Task Retrying_a_later_append_at_its_own_expected_version_is_idempotent()
    {
        var stream = NewStream();
        await Store.AppendAsync(stream, ExpectedVersion.NoStream, Items(2));
        var batch = Items(2, 2);

        await Store.AppendAsync(stream, 1, batch);
        var retry = await Store.AppendAsync(stream, 1, batch);

        Assert.Equal(3, retry.NextExpectedVersion);
        Assert.Equal(4, await Store.ReadStreamAsync(stream).CountAsync());
    }

    [SkippableFact]
    public async Task A_batch_carrying_one_event_id_twice_is_refused_and_nothing_is_written()
    {
        var stream = NewStream();
        var item = Items(1)[0];

        var ex = await Assert.ThrowsAsync<ArgumentException>(() => Store.AppendAsync(stream, ExpectedVersion.NoStream, [item, Items(1, 1)[0], item]));

        Assert.Contains("twice", ex.Message);
        Assert.Equal(-1, await Store.GetStreamVersionAsync(stream));
    }

    [SkippableFact]
    public async Task An_oversized_event_fails_the_whole_batch_naming_stream_version_and_event()
    {
        var stream = NewStream();
        await Store.AppendAsync(stream, ExpectedVersion.NoStream, Items(1));
        var huge = EventData.From(new Blob(new string('x', SizeLimit + 1)));

        var ex = await Assert.ThrowsAsync<EventTooLargeException>(() => Store.AppendAsync(stream, 0, [Items(1, 1)[0], huge]));

        Assert.Equal(stream, ex.Stream);
        Assert.Equal(2, ex.Version);
        Assert.Equal("conformance.blob", ex.EventName);
        Assert.Contains(stream, ex.Message);
        Assert.Equal(1, await Store.ReadStreamAsync(stream).CountAsync());
    }

    [SkippableFact]
    public async Task An_unregistered_event_type_is_refused_and_nothing_is_written()
    {
        var stream = NewStream();

        var ex = await Assert.ThrowsAsync<UnregisteredEventTypeException>(
            () => Store.AppendAsync(stream, ExpectedVersion.Any, new object[] { new ItemAdded("a", 1), new NotAnEvent("x") }));

        Assert.Equal(typeof(NotAnEvent), ex.Type);
        Assert.Equal(-1, await Store.GetStreamVersionAsync(stream));
    }

    [SkippableTheory]
    [InlineData("")]
    [InlineData("has space")]
    [InlineData("$system")]
    [InlineData("tab\there")]
    [InlineData("eventfold.checkpoint-x")]
    public async Task Disallowed_stream_names_are_refused_with_a_clear_error(string stream)
    {
        var ex = await Assert.ThrowsAsync<InvalidStreamNameException>(() => Store.AppendAsync(stream, ExpectedVersion.Any, Items(1)));

        Assert.Contains("not allowed", ex.Message);
        await Assert.ThrowsAsync<InvalidStreamNameException>(async () => await Store.ReadStreamAsync(stream).ToListAsync());
    }

    [SkippableFact]
    public async Task An_overlong_stream_name_is_refused()
    {
        var stream = Prefix + new string('s', StreamName.MaxLength);

        await Assert.ThrowsAsync<InvalidStreamNameException>(() => Store.AppendAsync(stream, ExpectedVersion.Any, Items(1)));
    }
    [SkippableFact]
    public async Task Stream_names_with_a_lone_surrogate_are_refused_so_no_two_names_share_a_stream()
    {
        // Built in code, not in [InlineData]: test discovery would mangle lone surrogates.
        string[] malformed = [Prefix + "acct-\uD800", Prefix + "acct-\uDC00", Prefix + "\uDC00\uD800-acct", Prefix + "acct-\uD800x"];
        foreach (string stream in malformed)
        {
            var ex = await Assert.ThrowsAsync<InvalidStreamNameException>(() => Store.AppendAsync(stream, ExpectedVersion.Any, Items(1)));
            Assert.Contains("lone surrogate", ex.Message);
            await Assert.ThrowsAsync<InvalidStreamNameException>(async () => await Store.ReadStreamAsync(stream).ToListAsync());
            await Assert.ThrowsAsync<InvalidStreamNameException>(() => Store.GetStreamVersionAsync(stream));
        }

        // A well-formed pair (an emoji) is a name like any other, and two different pairs are two streams.
        string grinning = Prefix + "acct-\uD83D\uDE00", winking = Prefix + "acct-\uD83D\uDE09";
        await Store.AppendAsync(grinning, ExpectedVersion.NoStream, Items(2));
        await Store.AppendAsync(winking, ExpectedVersion.NoStream, Items(1));
        Assert.Equal(1, await Store.GetStreamVersionAsync(grinning));
        Assert.Equal(winking, Assert.Single(await Store.ReadStreamAsync(winking).ToListAsync()).Stream);
    }

    [SkippableFact]
    public async Task An_error_quotes_at_most_the_first_100_characters_of_a_stream_name()
    {
        var stream = new string('a', 100) + new string('b', StreamName.MaxLength);

        var ex = await Assert.ThrowsAsync<InvalidStreamNameException>(() => Store.AppendAsync(stream, ExpectedVersion.Any, Items(1)));

        Assert.Contains(new string('a', 100), ex.Message);
        Assert.DoesNotContain("ab", ex.Message);
        Assert.Contains($"{stream.Length} characters", ex.Message);
        Assert.Equal(stream, ex.Stream);
    }
}

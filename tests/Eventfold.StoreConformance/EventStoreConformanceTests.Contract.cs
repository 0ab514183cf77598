namespace Eventfold.StoreConformance;

/// <summary>The rules for bad input that every store applies alike, in one order.</summary>
public abstract partial class EventStoreConformanceTests
{
    [SkippableFact]
    public async Task The_default_expected_version_is_refused_rather_than_read_as_version_zero()
    {
        var stream = NewStream();
        await Store.AppendAsync(stream, ExpectedVersion.NoStream, Items(1));

        var error = await Assert.ThrowsAsync<ArgumentException>(() => Store.AppendAsync(stream, default(ExpectedVersion), Items(1, 1)));

        Assert.Contains("ExpectedVersion.Any", error.Message);
        Assert.Equal(0, await Store.GetStreamVersionAsync(stream));
    }

    [SkippableFact]
    public async Task A_conflict_on_a_missing_stream_says_it_does_not_exist()
    {
        var stream = NewStream();

        var error = await Assert.ThrowsAsync<WrongExpectedVersionException>(() => Store.AppendAsync(stream, 3, Items(1)));

        Assert.Contains("does not exist", error.Message);
        Assert.Equal(-1, error.ActualVersion);
    }

    [SkippableFact]
    public async Task A_null_event_or_null_metadata_is_refused_naming_stream_and_index_and_nothing_is_written()
    {
        var stream = NewStream();
        EventData[] withNull = [EventData.From(new ItemAdded("a", 1)), null!];
        EventData[] withNullMetadata = [EventData.From(new ItemAdded("a", 1)), new EventData(new ItemAdded("b", 1), Guid.NewGuid(), null!)];

        var nullEvent = await Assert.ThrowsAsync<ArgumentException>(() => Store.AppendAsync(stream, ExpectedVersion.Any, withNull));
        var nullMetadata = await Assert.ThrowsAsync<ArgumentException>(() => Store.AppendAsync(stream, ExpectedVersion.Any, withNullMetadata));

        Assert.All([nullEvent, nullMetadata], e => Assert.Contains($"Event 1 of the append to stream '{stream}'", e.Message));
        Assert.Equal(-1, await Store.GetStreamVersionAsync(stream));
    }

    [SkippableFact]
    public async Task A_value_json_cannot_hold_is_refused_naming_stream_and_index_and_nothing_is_written()
    {
        var stream = NewStream();

        var error = await Assert.ThrowsAsync<ArgumentException>(() =>
            Store.AppendAsync(stream, ExpectedVersion.Any, new object[] { new Measured(1), new Measured(double.NaN) }));

        Assert.Contains($"Event 1 (Measured) of the append to stream '{stream}'", error.Message);
        Assert.Equal(-1, await Store.GetStreamVersionAsync(stream));
    }

    [SkippableFact]
    public async Task A_batch_bad_in_two_ways_fails_on_the_earlier_check_on_every_store()
    {
        var stream = NewStream();
        await Store.AppendAsync(stream, ExpectedVersion.NoStream, Items(1));
        var oversized = new Blob(new string('x', SizeLimit + 1));

        // Null before unregistered type; unregistered type before size; size before the expected version.
        await Assert.ThrowsAsync<ArgumentException>(() => Store.AppendAsync(stream, 0, [EventData.From(new NotAnEvent("x")), null!]));
        await Assert.ThrowsAsync<UnregisteredEventTypeException>(() => Store.AppendAsync(stream, 0, new object[] { oversized, new NotAnEvent("x") }));
        await Assert.ThrowsAsync<EventTooLargeException>(() => Store.AppendAsync(stream, 7, new object[] { oversized }));
        Assert.Equal(0, await Store.GetStreamVersionAsync(stream));
    }

    [SkippableTheory]
    [InlineData(ReadDirection.Forwards)]
    [InlineData(ReadDirection.Backwards)]
    public async Task Reading_from_a_negative_version_is_refused(ReadDirection direction)
    {
        var stream = NewStream();
        await Store.AppendAsync(stream, ExpectedVersion.NoStream, Items(2));

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () =>
            await Store.ReadStreamAsync(stream, new StreamReadOptions(direction, FromVersion: -1)).ToListAsync());
    }

    [SkippableFact]
    public async Task A_checkpoint_never_moves_backwards()
    {
        string consumer = $"{Prefix}-projection";
        await Store.SetCheckpointAsync(consumer, GlobalPosition.FromSequence(40));

        await Store.SetCheckpointAsync(consumer, GlobalPosition.FromSequence(10));
        Assert.Equal(GlobalPosition.FromSequence(40), await Store.GetCheckpointAsync(consumer));

        await Store.SetCheckpointAsync(consumer, GlobalPosition.FromSequence(41));
        Assert.Equal(GlobalPosition.FromSequence(41), await Store.GetCheckpointAsync(consumer));

        // Forgetting it is how a rebuild starts over.
        await Store.DeleteCheckpointAsync(consumer);
        await Store.SetCheckpointAsync(consumer, GlobalPosition.FromSequence(5));
        Assert.Equal(GlobalPosition.FromSequence(5), await Store.GetCheckpointAsync(consumer));
    }

    [SkippableFact]
    public async Task Another_stream_may_hold_the_same_event_id_as_on_EventStoreDB()
    {
        var first = NewStream();
        var second = NewStream();
        var shared = EventData.From(new ItemAdded("a", 1));
        await Store.AppendAsync(first, ExpectedVersion.NoStream, [shared]);

        var result = await Store.AppendAsync(second, ExpectedVersion.NoStream, [shared]);

        Assert.Equal(0, result.NextExpectedVersion);
        var both = await Store.ReadAllAsync(GlobalPosition.Start, OwnStreams).ToListAsync();
        Assert.Equal([first, second], both.Select(e => e.Stream));
        Assert.All(both, e => Assert.Equal(shared.EventId, e.EventId));
    }
}

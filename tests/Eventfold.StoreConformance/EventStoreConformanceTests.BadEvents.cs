using System.Diagnostics.Metrics;

namespace Eventfold.StoreConformance;

public abstract partial class EventStoreConformanceTests
{
    [SkippableFact]
    public async Task An_event_of_a_name_never_registered_is_passed_over_by_global_reads_and_subscriptions()
    {
        var stream = NewStream();
        string foreign = $"{Prefix}.someone-elses-event";
        using var unknownCount = new CounterProbe("eventfold.store.unknown_events", foreign);
        await Store.AppendAsync(stream, ExpectedVersion.NoStream, new object[]
        {
            new ItemAdded("a", 1), RawEvent.FromJson(foreign, 1, """{"x":1}"""), new ItemAdded("b", 2),
        });

        var read = await Store.ReadAllAsync(GlobalPosition.Start, OwnStreams).ToListAsync();
        var subscribed = await TakeEvents(Store.SubscribeToAllAsync(null, Own), 2);

        Assert.Equal([0L, 2L], read.Select(e => e.Version));
        Assert.Equal([0L, 2L], subscribed.Select(e => e.Version));
        Assert.True(unknownCount.Total >= 2, $"counted {unknownCount.Total}");
    }

    [SkippableFact]
    public async Task A_subscription_that_asks_for_unknown_events_sees_them_in_order()
    {
        var stream = NewStream();
        string foreign = $"{Prefix}.someone-elses-event";
        await Store.AppendAsync(stream, ExpectedVersion.NoStream, new object[] { RawEvent.FromJson(foreign, 3, "{}"), new ItemAdded("b", 2) });

        var messages = await TakeUntil(
            Store.SubscribeToAllAsync(null, Own with { IncludeUnknownEvents = true }), m => m is RecordedEvent);

        var unknown = Assert.Single(messages.OfType<UnknownEvent>());
        Assert.Equal((stream, 0L, foreign, 3), (unknown.Stream, unknown.Version, unknown.EventName, unknown.SchemaVersion));
        Assert.True(messages.IndexOf(unknown) < messages.Count - 1);
    }

    [SkippableFact]
    public async Task An_unreadable_event_reaches_a_subscription_as_poison_and_the_subscription_goes_on()
    {
        var stream = NewStream();
        var rawId = Guid.NewGuid();
        await Store.AppendAsync(stream, ExpectedVersion.NoStream, [
            EventData.From(new ItemAdded("a", 1)),
            new EventData(RawEvent.FromJson("conformance.item-added", 1, "{not json"), rawId, EventMetadata.Empty),
            EventData.From(new ItemAdded("b", 2)),
        ]);

        var messages = await TakeUntil(Store.SubscribeToAllAsync(null, Own), m => m is RecordedEvent { Version: 2 });

        var poison = Assert.Single(messages.OfType<PoisonEvent>());
        Assert.Equal((stream, 1L, rawId, "conformance.item-added"), (poison.Stream, poison.Version, poison.EventId, poison.EventName));
        var error = Assert.IsAssignableFrom<EventDeserializationException>(poison.Error);
        Assert.Equal(poison.Position, error.Position);
        Assert.Equal([0L, 2L], messages.OfType<RecordedEvent>().Select(e => e.Version));

        // Resuming right after the poison event reads on without touching it again.
        var resumed = await TakeEvents(Store.SubscribeToAllAsync(poison.Position, Own), 1);
        Assert.Equal(2L, Assert.Single(resumed).Version);
    }

    [SkippableFact]
    public async Task A_global_read_yields_every_good_event_before_an_unreadable_one_then_throws_naming_it()
    {
        var stream = NewStream();
        await Store.AppendAsync(stream, ExpectedVersion.NoStream, new object[]
        {
            new ItemAdded("a", 1), new ItemAdded("b", 2), RawEvent.FromJson("conformance.item-added", 1, "[1,2"), new ItemAdded("c", 3),
        });
        var seen = new List<object>();

        var error = await Assert.ThrowsAsync<EventDeserializationException>(async () =>
        {
            await foreach (var e in Store.ReadAllAsync(GlobalPosition.Start, OwnStreams))
            {
                seen.Add(e.Event);
            }
        });

        Assert.Equal([new ItemAdded("a", 1), new ItemAdded("b", 2)], seen);
        Assert.Equal((stream, 2L), (error.Stream, error.Version));
        Assert.NotNull(error.Position);
        Assert.Contains(error.Position!.Value.ToString(), error.Message);
    }

    [SkippableFact]
    public async Task Reading_a_stream_with_an_unreadable_event_throws_naming_stream_version_and_position()
    {
        var stream = NewStream();
        await Store.AppendAsync(stream, ExpectedVersion.NoStream, new object[] { new ItemAdded("a", 1), RawEvent.FromJson("conformance.item-added", 1, "{\"sku\":") });

        var error = await Assert.ThrowsAsync<EventDeserializationException>(async () =>
        {
            await foreach (var e in Store.ReadStreamAsync(stream))
            {
                _ = e.Event;
            }
        });

        Assert.Equal((stream, 1L, "conformance.item-added"), (error.Stream, error.Version, error.EventName));
        Assert.NotNull(error.Position);
    }

    [SkippableFact]
    public async Task Events_are_deserialized_only_when_used()
    {
        var stream = NewStream();
        await Store.AppendAsync(stream, ExpectedVersion.NoStream, Items(2));

        var read = await Store.ReadAllAsync(GlobalPosition.Start, OwnStreams).ToListAsync();

        Assert.All(read, e => Assert.False(e.IsDeserialized));
        Assert.Equal(new ItemAdded("sku-1", 1), read[1].Event);
        Assert.False(read[0].IsDeserialized);
    }

    [SkippableFact]
    public async Task A_raw_event_is_stored_as_exactly_its_bytes_and_read_through_the_registry()
    {
        var stream = NewStream();
        await Store.AppendAsync(stream, ExpectedVersion.NoStream, new object[] { RawEvent.FromJson("conformance.item-added", 1, """{"sku":"raw","quantity":7}""") });

        var read = Assert.Single(await Store.ReadStreamAsync(stream).ToListAsync());

        Assert.Equal(new ItemAdded("raw", 7), read.Event);
        Assert.Equal(("conformance.item-added", 1), (read.EventName, read.SchemaVersion));
    }

    /// <summary>Sums one counter's measurements for one event name while it lives.</summary>
    private sealed class CounterProbe : IDisposable
    {
        private readonly MeterListener _listener = new();
        private long _total;

        public CounterProbe(string instrument, string eventName)
        {
            _listener.InstrumentPublished = (i, l) =>
            {
                if (i.Meter.Name == EventfoldMetrics.MeterName && i.Name == instrument)
                {
                    l.EnableMeasurementEvents(i);
                }
            };
            _listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
            {
                foreach (var tag in tags)
                {
                    if (tag.Key == "event.name" && (string?)tag.Value == eventName)
                    {
                        Interlocked.Add(ref _total, value);
                    }
                }
            });
            _listener.Start();
        }

        public long Total => Interlocked.Read(ref _total);

        public void Dispose() => _listener.Dispose();
    }
}

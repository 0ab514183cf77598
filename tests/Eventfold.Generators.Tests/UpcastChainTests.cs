using Eventfold.Generators.Tests.Infrastructure;

namespace Eventfold.Generators.Tests;

/// <summary>
/// The generated upcast chains compiled, loaded and run: an old payload stored as an older release wrote
/// it is read as the latest version through one generated method, typed and JSON steps mixed.
/// </summary>
public sealed class UpcastChainTests
{
    private static readonly Lazy<CompiledSample> Parcels = new(() => CompiledSample.Load("Eventfold.UpcastChains", UpcastChainSamples.Parcels));

    [Fact]
    public void Snapshot_of_a_chain_with_every_kind_of_link()
    {
        var (generated, output) = GeneratorHarness.Run(GeneratorHarness.Compile("ParcelChains", UpcastChainSamples.Parcels));

        Baseline.Verify("ParcelChains.EventfoldEventRegistration.g.cs.txt", generated["EventfoldEventRegistration.g.cs"]);
        Assert.Empty(GeneratorHarness.Problems(output));
        Assert.Empty(AnalyzerHarness.Run(output));
    }

    [Fact]
    public async Task A_v1_event_appended_as_an_older_release_wrote_it_is_read_as_the_latest_through_typed_and_JSON_steps()
    {
        var sample = Parcels.Value;
        Assert.Empty(sample.Problems);
        await using var store = new InMemoryEventStore(new EventStoreOptions { Serializer = new EventSerializer(sample.NewRegistry()) });

        // The store writes an instance of the old type as version 1, exactly as the release that had only version 1 did.
        await store.AppendAsync("parcel-p-1", ExpectedVersion.NoStream, [sample.New("Parcels.ParcelSentV1", "p-1")]);

        var read = Assert.Single(await store.ReadStreamAsync("parcel-p-1").ToListAsync());
        Assert.Equal(1, read.SchemaVersion);
        Assert.Equal(sample.Type("Parcels.ParcelSent"), read.Event.GetType());
        Assert.Equal(
            sample.New("Parcels.ParcelSent", "p-1", 1, "post", "upcast from post"),
            read.Event);
    }

    [Fact]
    public void Each_stored_version_has_its_own_chain_to_the_latest()
    {
        var serializer = new EventSerializer(Parcels.Value.NewRegistry());

        object fromV2 = serializer.Deserialize("parcel-p-2", 0, "parcel.sent", 2, """{"parcelId":"p-2","boxes":3}"""u8);
        object fromV3 = serializer.Deserialize("parcel-p-3", 0, "parcel.sent", 3, """{"parcelId":"p-3","boxes":2,"carrier":"courier"}"""u8);
        object latest = serializer.Deserialize("parcel-p-4", 0, "parcel.sent", 4, """{"parcelId":"p-4","boxes":5,"carrier":"van","note":"as stored"}"""u8);

        Assert.Equal(Parcels.Value.New("Parcels.ParcelSent", "p-2", 3, "post", "upcast from post"), fromV2);
        Assert.Equal(Parcels.Value.New("Parcels.ParcelSent", "p-3", 2, "courier", "upcast from courier"), fromV3);
        Assert.Equal(Parcels.Value.New("Parcels.ParcelSent", "p-4", 5, "van", "as stored"), latest);
    }

    [Fact]
    public void The_generated_chain_is_what_runs_no_single_upcaster_is_registered()
    {
        var registry = Parcels.Value.NewRegistry();
        var serializer = new EventSerializer(registry);

        // Typed 1 -> 2 then JSON 2 -> 3: the run-time search through single upcasters cannot turn an object back
        // into JSON, so only the generated chain reads this; and a registry without the chains reads nothing old.
        var withoutChains = new EventRegistry();
        foreach (var e in registry.All)
        {
            withoutChains.Register(e.ClrType, e.Name, e.Version);
        }

        var error = Assert.Throws<EventDeserializationException>(() =>
            new EventSerializer(withoutChains).Deserialize("parcel-p-1", 0, "parcel.sent", 1, """{"parcelId":"p-1"}"""u8));
        Assert.Contains("no upcaster leads from version 1", error.Message);
        Assert.NotNull(serializer.Deserialize("parcel-p-1", 0, "parcel.sent", 1, """{"parcelId":"p-1"}"""u8));
    }

    [Fact]
    public void A_failing_step_is_named_with_stream_version_event_and_schema_version()
    {
        var serializer = new EventSerializer(Parcels.Value.NewRegistry());
        byte[] stored = """{"parcelId":"p-9","boxes":-1}"""u8.ToArray();
        byte[] before = stored.ToArray();

        var error = Assert.Throws<EventDeserializationException>(() => serializer.Deserialize("parcel-p-9", 7, "parcel.sent", 2, stored));

        Assert.Equal(("parcel-p-9", 7L, "parcel.sent", 2), (error.Stream, error.Version, error.EventName, error.SchemaVersion));
        Assert.Contains("failed while upcasting from version 2: a parcel cannot have a negative number of boxes", error.Message);
        Assert.Equal(before, stored);
    }

    [Fact]
    public void An_unreadable_payload_names_the_version_and_type_being_read()
    {
        var serializer = new EventSerializer(Parcels.Value.NewRegistry());

        var error = Assert.Throws<EventDeserializationException>(() => serializer.Deserialize("parcel-p-8", 0, "parcel.sent", 1, """{"boxes":1}"""u8));

        Assert.Contains("failed while reading version 1 as 'Parcels.ParcelSentV1'", error.Message);
        Assert.Contains("parcelId", error.Message);
    }

    [Fact]
    public void Snapshot_of_a_v1_v2_v3_history_with_a_typed_and_a_JSON_step()
    {
        var (generated, output) = GeneratorHarness.Run(GeneratorHarness.Compile("SalesChains", UpcastChainSamples.Sales));

        Baseline.Verify("SalesChains.EventfoldEventRegistration.g.cs.txt", generated["EventfoldEventRegistration.g.cs"]);
        Assert.Empty(GeneratorHarness.Problems(output));
        Assert.Empty(AnalyzerHarness.Run(output));
    }

    [Fact]
    public async Task A_v1_payload_is_read_as_the_latest_type_through_a_typed_then_a_JSON_step()
    {
        var sample = CompiledSample.Load("Eventfold.SalesChains", UpcastChainSamples.Sales);
        Assert.Empty(sample.Problems);
        await using var store = new InMemoryEventStore(new EventStoreOptions { Serializer = new EventSerializer(sample.NewRegistry()) });
        await store.AppendAsync("order-o-1", ExpectedVersion.NoStream, [sample.New("Sales.OrderPlacedV1", "o-1", 42m)]);
        await store.AppendAsync("order-o-2", ExpectedVersion.NoStream, [EventData.From(RawEvent.FromJson("sales.OrderPlaced", 2, """{"orderId":"o-2","customerId":"c-7","total":5}"""))]);

        var v1 = Assert.Single(await store.ReadStreamAsync("order-o-1").ToListAsync());
        var v2 = Assert.Single(await store.ReadStreamAsync("order-o-2").ToListAsync());

        Assert.Equal((1, sample.New("Sales.OrderPlaced", "o-1", "unknown", 42m, "EUR")), (v1.SchemaVersion, v1.Event));
        Assert.Equal((2, sample.New("Sales.OrderPlaced", "o-2", "c-7", 5m, "EUR")), (v2.SchemaVersion, v2.Event));
    }
}

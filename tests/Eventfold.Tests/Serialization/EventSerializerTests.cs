using System.Text;

namespace Eventfold.Tests.Serialization;

public sealed class EventSerializerTests
{
    private static byte[] Utf8(string json) => Encoding.UTF8.GetBytes(json);

    [Fact]
    public void An_event_round_trips_as_the_latest_version_of_its_name()
    {
        var serializer = new EventSerializer(TestRegistries.ParcelHistory());
        var data = EventData.From(new ParcelShipped("p-1", "DHL", 2));

        var stored = serializer.Serialize(data);
        object back = serializer.Deserialize("parcel-p-1", 0, stored.EventName, stored.SchemaVersion, stored.Data);

        Assert.Equal("parcel.shipped", stored.EventName);
        Assert.Equal(3, stored.SchemaVersion);
        Assert.Equal(data.EventId, stored.EventId);
        Assert.Equal(new ParcelShipped("p-1", "DHL", 2), back);
        Assert.Contains("\"parcelId\":\"p-1\"", Encoding.UTF8.GetString(stored.Data));
    }

    [Fact]
    public void An_old_version_is_read_as_the_latest_type_through_the_upcaster_chain()
    {
        var serializer = new EventSerializer(TestRegistries.ParcelHistory());

        object fromV1 = serializer.Deserialize("parcel-p-1", 4, "parcel.shipped", 1, Utf8("""{"parcelId":"p-1"}"""));
        object fromV2 = serializer.Deserialize("parcel-p-1", 5, "parcel.shipped", 2, Utf8("""{"parcelId":"p-1","carrier":"UPS"}"""));

        Assert.Equal(new ParcelShipped("p-1", "unknown", 1), fromV1);
        Assert.Equal(new ParcelShipped("p-1", "UPS", 1), fromV2);
    }

    [Fact]
    public void A_version_without_a_CLR_type_is_read_through_its_JSON_upcaster()
    {
        var serializer = new EventSerializer(TestRegistries.JsonOnlyHistory());

        object value = serializer.Deserialize("doc-1", 0, "renamed", 1, Utf8("""{"name":"draft"}"""));

        Assert.Equal(new Renamed("DRAFT"), value);
    }

    [Fact]
    public void An_older_version_type_is_written_as_that_version_and_read_back_as_the_latest()
    {
        var serializer = new EventSerializer(TestRegistries.ParcelHistory());

        var stored = serializer.Serialize(EventData.From(new ParcelShippedV1("p")));

        Assert.Equal(("parcel.shipped", 1), (stored.EventName, stored.SchemaVersion));
        Assert.Equal("""{"parcelId":"p"}""", System.Text.Encoding.UTF8.GetString(stored.Data));
        Assert.Equal(new ParcelShipped("p", "unknown", 1), serializer.Deserialize("parcel-p", 0, stored.EventName, stored.SchemaVersion, stored.Data));
    }

    [Fact]
    public void An_unknown_event_name_names_the_stream_version_and_event()
    {
        var serializer = new EventSerializer(TestRegistries.ParcelHistory());

        var ex = Assert.Throws<EventDeserializationException>(() => serializer.Deserialize("parcel-p-9", 12, "parcel.lost", 1, Utf8("{}")));

        Assert.Equal(("parcel-p-9", 12L, "parcel.lost", 1), (ex.Stream, ex.Version, ex.EventName, ex.SchemaVersion));
        Assert.Contains("parcel-p-9", ex.Message);
        Assert.Contains("version 12", ex.Message);
        Assert.Contains("no [Event] type is registered", ex.Message);
    }

    [Fact]
    public void An_unreadable_payload_names_the_stream_version_and_event()
    {
        var serializer = new EventSerializer(TestRegistries.ParcelHistory());

        var ex = Assert.Throws<EventDeserializationException>(() => serializer.Deserialize("parcel-p-2", 3, "parcel.shipped", 3, Utf8("{not json")));

        Assert.Equal("parcel-p-2", ex.Stream);
        Assert.Equal(3, ex.Version);
        Assert.NotNull(ex.InnerException);
    }

    [Fact]
    public void A_failing_upcaster_names_the_stream_version_event_and_step()
    {
        var serializer = new EventSerializer(TestRegistries.ParcelHistory(_ => throw new FormatException("carrier code unknown")));

        var ex = Assert.Throws<EventDeserializationException>(() => serializer.Deserialize("parcel-p-3", 7, "parcel.shipped", 2, Utf8("""{"parcelId":"p","carrier":"?"}""")));

        Assert.Equal(("parcel-p-3", 7L, "parcel.shipped"), (ex.Stream, ex.Version, ex.EventName));
        Assert.Contains("upcasting from version 2", ex.Message);
        Assert.Contains("carrier code unknown", ex.Message);
        Assert.IsType<FormatException>(ex.InnerException);
    }

    [Fact]
    public void A_version_with_no_path_to_the_latest_fails_clearly()
    {
        var registry = new EventRegistry();
        registry.Register<ParcelShippedV1>("parcel.shipped", 1);
        registry.Register<ParcelShipped>("parcel.shipped", 3);
        var serializer = new EventSerializer(registry);

        var ex = Assert.Throws<EventDeserializationException>(() => serializer.Deserialize("parcel-p", 0, "parcel.shipped", 1, Utf8("""{"parcelId":"p"}""")));

        Assert.Contains("no upcaster leads from version 1", ex.Message);
    }

    [Fact]
    public void A_JSON_null_payload_is_refused()
    {
        var serializer = new EventSerializer(TestRegistries.ParcelHistory());

        var ex = Assert.Throws<EventDeserializationException>(() => serializer.Deserialize("parcel-p", 0, "parcel.shipped", 3, Utf8("null")));

        Assert.Contains("JSON null", ex.Message);
    }

    [Fact]
    public void An_unreadable_payload_names_the_type_it_was_read_as()
    {
        var serializer = new EventSerializer(TestRegistries.ParcelHistory());

        var ex = Assert.Throws<EventDeserializationException>(() => serializer.Deserialize("parcel-p", 7, "parcel.shipped", 3, Utf8("""{"parcelId":""")));

        Assert.Contains($"reading the payload as '{typeof(ParcelShipped).FullName}'", ex.Message);
        Assert.Contains("version 7", ex.Message);
    }

    [Fact]
    public void The_run_time_walk_goes_on_as_JSON_after_a_typed_upcaster_when_only_a_JSON_one_leads_on()
    {
        // No generated chain: the shape of a published state, whose latest type the registry generator cannot see.
        var registry = new EventRegistry();
        registry.Register<ParcelShippedV1>("parcel.shipped", 1);
        registry.Register<ParcelShippedV2>("parcel.shipped", 2);
        registry.Register<ParcelShipped>("parcel.shipped", 3);
        registry.RegisterUpcaster<ParcelShippedV1, ParcelShippedV2>("parcel.shipped", 1, e => new ParcelShippedV2(e.ParcelId, "unknown"));
        registry.RegisterJsonUpcaster("parcel.shipped", 2, v2 => { v2["boxes"] = 1; return v2; });
        var serializer = new EventSerializer(registry);

        object fromV1 = serializer.Deserialize("parcel-p-1", 0, "parcel.shipped", 1, Utf8("""{"parcelId":"p-1"}"""));
        object fromV2 = serializer.Deserialize("parcel-p-2", 0, "parcel.shipped", 2, Utf8("""{"parcelId":"p-2","carrier":"DHL"}"""));

        Assert.Equal(new ParcelShipped("p-1", "unknown", 1), fromV1);
        Assert.Equal(new ParcelShipped("p-2", "DHL", 1), fromV2);
    }
}

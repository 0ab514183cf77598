using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Eventfold.Tests.Serialization;

/// <summary>An event whose members have setters: read with the wrong names, it would come out empty, not fail.</summary>
public sealed class CartNamed
{
    public string? CartId { get; set; }

    public string? Name { get; set; }
}

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(CartNamed))]
[JsonSerializable(typeof(ParcelShipped))]
internal sealed partial class WebTestJsonContext : JsonSerializerContext;

/// <summary>What a new user writes first: no web defaults, so C# names, matched case-sensitively.</summary>
[JsonSerializable(typeof(CartNamed))]
internal sealed partial class PlainTestJsonContext : JsonSerializerContext;

public sealed class SerializerContextTests
{
    private static EventRegistry CartRegistry()
    {
        var registry = new EventRegistry();
        registry.Register<CartNamed>("cart.named", 1);
        return registry;
    }

    [Fact]
    public void A_context_with_the_web_defaults_reads_what_the_default_serializer_wrote()
    {
        var written = new EventSerializer(CartRegistry()).Serialize(EventData.From(new CartNamed { CartId = "c-1", Name = "gifts" }));
        var serializer = EventSerializer.Create(WebTestJsonContext.Default, CartRegistry());

        var back = (CartNamed)serializer.Deserialize("cart-c-1", 0, written.EventName, written.SchemaVersion, written.Data);

        Assert.Equal("c-1", back.CartId);
        Assert.Equal("gifts", back.Name);
        Assert.Same(WebTestJsonContext.Default, serializer.Options.TypeInfoResolver);
    }

    [Fact]
    public void A_context_without_the_web_defaults_is_refused_naming_what_differs()
    {
        var ex = Assert.Throws<ArgumentException>(() => EventSerializer.Create(PlainTestJsonContext.Default, CartRegistry()));

        Assert.Contains(typeof(PlainTestJsonContext).FullName!, ex.Message);
        Assert.Contains("PropertyNamingPolicy is none (C# names), events are written with camelCase", ex.Message);
        Assert.Contains("PropertyNameCaseInsensitive is False", ex.Message);
        Assert.Contains("[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]", ex.Message);
    }
}

[CollectionDefinition(nameof(ReflectionSwitchCollection), DisableParallelization = true)]
public sealed class ReflectionSwitchCollection;

/// <summary>Turns System.Text.Json's reflection switch off, as a trimmed or Native AOT publish does.</summary>
[Collection(nameof(ReflectionSwitchCollection))]
public sealed class ReflectionSwitchTests
{
    private const string Switch = "System.Text.Json.JsonSerializer.IsReflectionEnabledByDefault";

    [Fact]
    public void Without_reflection_a_serializer_without_a_context_says_to_pass_one()
    {
        AppContext.SetSwitch(Switch, false);
        try
        {
            var ex = Assert.Throws<InvalidOperationException>(() => new EventSerializer(TestRegistries.ParcelHistory()));
            Assert.Contains("EventSerializer.Create(AppJsonContext.Default)", ex.Message);
            Assert.Contains("[JsonSerializable(typeof(YourEvent))]", ex.Message);
        }
        finally
        {
            AppContext.SetSwitch(Switch, true);
        }
    }

    [Fact]
    public void Without_reflection_a_serializer_with_a_context_round_trips()
    {
        AppContext.SetSwitch(Switch, false);
        try
        {
            var serializer = EventSerializer.Create(WebTestJsonContext.Default, TestRegistries.ParcelHistory());
            var stored = serializer.Serialize(EventData.From(new ParcelShipped("p-1", "DHL", 2)));

            object back = serializer.Deserialize("parcel-p-1", 0, stored.EventName, stored.SchemaVersion, stored.Data);

            Assert.Equal(new ParcelShipped("p-1", "DHL", 2), back);
            Assert.Contains("\"parcelId\":\"p-1\"", Encoding.UTF8.GetString(stored.Data));
        }
        finally
        {
            AppContext.SetSwitch(Switch, true);
        }
    }
}

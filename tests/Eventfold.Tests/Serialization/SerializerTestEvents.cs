using System.Text.Json.Nodes;

namespace Eventfold.Tests.Serialization;

public sealed record ParcelShippedV1(string ParcelId);

public sealed record ParcelShippedV2(string ParcelId, string Carrier);

public sealed record ParcelShipped(string ParcelId, string Carrier, int Boxes);

public sealed record Renamed(string Title);

/// <summary>Registries built by hand, so each test controls exactly what is registered.</summary>
internal static class TestRegistries
{
    public static EventRegistry ParcelHistory(Func<ParcelShippedV2, ParcelShipped>? v2ToV3 = null)
    {
        var registry = new EventRegistry();
        registry.Register<ParcelShippedV1>("parcel.shipped", 1);
        registry.Register<ParcelShippedV2>("parcel.shipped", 2);
        registry.Register<ParcelShipped>("parcel.shipped", 3);
        registry.RegisterUpcaster<ParcelShippedV1, ParcelShippedV2>("parcel.shipped", 1, e => new ParcelShippedV2(e.ParcelId, "unknown"));
        registry.RegisterUpcaster("parcel.shipped", 2, v2ToV3 ?? (e => new ParcelShipped(e.ParcelId, e.Carrier, 1)));
        return registry;
    }

    /// <summary>Version 1 of "renamed" has no CLR type any more: only a JSON upcaster reads it.</summary>
    public static EventRegistry JsonOnlyHistory()
    {
        var registry = new EventRegistry();
        registry.Register<Renamed>("renamed", 2);
        registry.RegisterJsonUpcaster("renamed", 1, old =>
        {
            old["title"] = old["name"]!.GetValue<string>().ToUpperInvariant();
            old.Remove("name");
            return old;
        });
        return registry;
    }

    public static JsonObject Json(string text) => JsonNode.Parse(text)!.AsObject();
}

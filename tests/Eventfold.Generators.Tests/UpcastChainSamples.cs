namespace Eventfold.Generators.Tests;

/// <summary>Inputs for the upcast chain tests: every kind of link in one history.</summary>
internal static class UpcastChainSamples
{
    /// <summary>
    /// "parcel.sent" in four versions: 1 and 2 have types, 3 lives only as JSON, 4 is the latest. Version 1
    /// reaches 4 through a typed step, then two JSON steps (so the chain writes version 2 as JSON); version 3
    /// starts from the stored JSON. The JSON step from version 2 refuses a negative box count.
    /// </summary>
    public const string Parcels = """
        using System;
        using System.Text.Json.Nodes;
        using Eventfold;

        namespace Parcels;

        [Event("parcel.sent", Version = 1)] public sealed record ParcelSentV1(string ParcelId);
        [Event("parcel.sent", Version = 2)] public sealed record ParcelSentV2(string ParcelId, int Boxes);
        [Event("parcel.sent", Version = 4)] public sealed record ParcelSent(string ParcelId, int Boxes, string Carrier, string Note);

        public static class ParcelUpcasts
        {
            [Upcaster] public static ParcelSentV2 ToV2(ParcelSentV1 e) => new(e.ParcelId, 1);

            [Upcaster("parcel.sent", FromVersion = 2)]
            public static JsonObject AddCarrier(JsonObject v2)
            {
                if ((int)v2["boxes"]! < 0)
                {
                    throw new InvalidOperationException("a parcel cannot have a negative number of boxes");
                }

                v2["carrier"] = "post";
                return v2;
            }

            [Upcaster("parcel.sent", FromVersion = 3)]
            public static JsonObject AddNote(JsonObject v3) { v3["note"] = "upcast from " + (string)v3["carrier"]!; return v3; }
        }
        """;

    /// <summary>
    /// A published state at version 2 whose version 1 is read through a JSON upcaster. The state record is
    /// written by the state generator, which the registry generator cannot see: no chain can be composed to
    /// it, so the upcaster is registered on its own and the serializer walks it at run time.
    /// </summary>
    public const string ClubState = """
        using System.Text.Json.Nodes;
        using Eventfold;

        namespace Clubs;

        [Event("ClubJoined")] public sealed record ClubJoined(string ClubId, string Name, string Tier);

        [Aggregate("club"), PublishesState(Version = 2)]
        public sealed partial class Club
        {
            public string Name { get; private set; } = "";

            public string Tier { get; private set; } = "";

            private void Apply(ClubJoined e)
            {
                Name = e.Name;
                Tier = e.Tier;
            }
        }

        public static class ClubStateUpcasts
        {
            [Upcaster("club.state", FromVersion = 1)]
            public static JsonObject V1(JsonObject old)
            {
                old["name"] = old["fullName"]?.DeepClone();
                old.Remove("fullName");
                old["tier"] = "standard";
                return old;
            }
        }
        """;

    /// <summary>
    /// Three names: "a" misses its step from version 2, "b" has two steps from version 1, "c" is whole.
    /// Only "c" version 1 can get a chain; the analyzers report every other older version.
    /// </summary>
    public const string Broken = """
        using System.Text.Json.Nodes;
        using Eventfold;

        namespace Broken;

        [Event("a", Version = 1)] public sealed record A1(string Id);
        [Event("a", Version = 2)] public sealed record A2(string Id);
        [Event("a", Version = 3)] public sealed record A3(string Id);
        [Event("b", Version = 1)] public sealed record B1(string Id);
        [Event("b", Version = 2)] public sealed record B2(string Id);
        [Event("c", Version = 1)] public sealed record C1(string Id);
        [Event("c", Version = 2)] public sealed record C2(string Id);

        public static class Upcasts
        {
            [Upcaster] public static A2 ToA2(A1 e) => new(e.Id);
            [Upcaster] public static B2 ToB2(B1 e) => new(e.Id);
            [Upcaster("b", FromVersion = 1)] public static JsonObject B1Json(JsonObject o) => o;
            [Upcaster] public static C2 ToC2(C1 e) => new(e.Id);
        }
        """;

    /// <summary>
    /// The history docs/event-versioning.md shows: version 1 to 2 is a typed upcaster, 2 to 3 a JSON
    /// one, so a version 1 payload reaches the latest type through a two-step mixed chain.
    /// </summary>
    public const string Sales = """
        using System.Text.Json.Nodes;
        using Eventfold;

        namespace Sales;

        [Event("sales.OrderPlaced", Version = 1)] public sealed record OrderPlacedV1(string OrderId, decimal Total);
        [Event("sales.OrderPlaced", Version = 2)] public sealed record OrderPlacedV2(string OrderId, string CustomerId, decimal Total);
        [Event("sales.OrderPlaced", Version = 3)] public sealed record OrderPlaced(string OrderId, string CustomerId, decimal Total, string Currency);

        public static class OrderUpcasts
        {
            [Upcaster] public static OrderPlacedV2 ToV2(OrderPlacedV1 e) => new(e.OrderId, "unknown", e.Total);

            [Upcaster("sales.OrderPlaced", FromVersion = 2)]
            public static JsonObject AddCurrency(JsonObject v2)
            {
                v2["currency"] = "EUR";
                return v2;
            }
        }
        """;
}

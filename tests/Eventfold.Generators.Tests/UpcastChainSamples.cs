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
}

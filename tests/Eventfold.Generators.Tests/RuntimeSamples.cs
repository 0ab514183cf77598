namespace Eventfold.Generators.Tests;

/// <summary>The domain the compile-and-run tests load and exercise.</summary>
internal static class RuntimeSamples
{
    public const string Shop = """
        using System;
        using System.Text.Json.Nodes;
        using Eventfold;

        namespace RunSample;

        [Event("OrderPlaced", Version = 2)]
        public sealed record OrderPlaced(string OrderId, string CustomerId, decimal Total);

        [Event("OrderPlaced", Version = 1)]
        public sealed record OrderPlacedV1(string OrderId, decimal Total);

        [Event("Shipped", Version = 2)]
        public sealed record OrderShipped(string OrderId, string Carrier);

        [Event] public record LineAdded(string Sku, decimal Price);
        [Event] public sealed record PromotionalLineAdded(string Sku, decimal Price, decimal Discount) : LineAdded(Sku, Price);
        [Event] public sealed record NoteAdded(string Text);

        public static class OrderUpcasts
        {
            [Upcaster] public static OrderPlaced ToV2(OrderPlacedV1 e) => new(e.OrderId, "unknown", e.Total);

            [Upcaster("Shipped", FromVersion = 1)]
            public static JsonObject ShippedV1(JsonObject old) { old["carrier"] = "n/a"; return old; }
        }

        [Aggregate("order", SnapshotEvery = 100)]
        public sealed partial class Order
        {
            public string Customer { get; private set; } = "";
            public decimal Total { get; private set; }
            public decimal Discounts { get; private set; }
            public int Lines { get; private set; }
            public string? Carrier { get; private set; }

            /// <summary>The version an Apply method saw: the one before the event.</summary>
            public long VersionSeenByLastApply { get; private set; }

            public void Place(string customer, decimal total)
            {
                if (Version >= 0) throw new InvalidOperationException("already placed");
                Raise(new OrderPlaced(Id, customer, total));
            }

            public void AddLine(string sku, decimal price) => Raise(new LineAdded(sku, price));
            public void AddPromotionalLine(string sku, decimal price, decimal discount) => Raise(new PromotionalLineAdded(sku, price, discount));
            public void Ship(string carrier) => Raise(new OrderShipped(Id, carrier));
            public void Note(string text) => Raise(new NoteAdded(text));   // no Apply: only the version moves

            private void Apply(OrderPlaced e) { Customer = e.CustomerId; Total = e.Total; VersionSeenByLastApply = Version; }
            private void Apply(LineAdded e) { Lines++; Total += e.Price; VersionSeenByLastApply = Version; }
            private void Apply(PromotionalLineAdded e) { Lines++; Total += e.Price - e.Discount; Discounts += e.Discount; VersionSeenByLastApply = Version; }
            private void Apply(OrderShipped e) { Carrier = e.Carrier; VersionSeenByLastApply = Version; }
        }
        """;
}

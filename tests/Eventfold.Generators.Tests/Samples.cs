namespace Eventfold.Generators.Tests;

/// <summary>Inputs the generator tests run over.</summary>
internal static class Samples
{
    /// <summary>The Order aggregate of the docs (API.md), in a namespace, with its events and upcasters.</summary>
    public const string OrderEvents = """
        using System.Text.Json.Nodes;
        using Eventfold;

        namespace Shop.Orders;

        [Event("OrderPlaced", Version = 2)]
        public sealed record OrderPlaced(string OrderId, string CustomerId, decimal Total);

        [Event("OrderPlaced", Version = 1)]
        public sealed record OrderPlacedV1(string OrderId, decimal Total);

        [Event("Shipped", Version = 2)]
        public sealed record OrderShipped(string OrderId, string Carrier);

        public static class OrderUpcasts
        {
            [Upcaster] public static OrderPlaced ToV2(OrderPlacedV1 e) => new(e.OrderId, "unknown", e.Total);

            [Upcaster("Shipped", FromVersion = 1)]
            public static JsonObject ShippedV1(JsonObject old) { old["carrier"] = "n/a"; return old; }
        }
        """;

    public const string Order = """
        using System;
        using Eventfold;

        namespace Shop.Orders;

        [Aggregate("order", SnapshotEvery = 100)]
        public sealed partial class Order
        {
            public decimal Total { get; private set; }
            public bool Shipped { get; private set; }

            public void Place(string customer, decimal total)
            {
                if (Version >= 0) throw new InvalidOperationException("already placed");
                Raise(new OrderPlaced(Id, customer, total));
            }

            public void Ship(string carrier) => Raise(new OrderShipped(Id, carrier));

            private void Apply(OrderPlaced e) => Total = e.Total;
            private void Apply(OrderShipped e) => Shipped = true;
        }
        """;

    /// <summary>An aggregate in the global namespace, without SnapshotEvery.</summary>
    public const string GlobalCounter = """
        using Eventfold;

        [Event] public sealed record Incremented(int By);
        [Event("counter.reset")] public readonly record struct Reset;

        [Aggregate("counter")]
        public partial class Counter
        {
            public int Value { get; private set; }

            public void Increment(int by) => Raise(new Incremented(by));
            public void ResetToZero() => Raise(new Reset());

            private void Apply(Incremented e) => Value += e.By;
            private void Apply(Reset e) => Value = 0;
        }
        """;

    /// <summary>
    /// Base and derived events, an interface event, an event without Apply, Apply shapes the
    /// generator skips, and an aggregate nested in a partial class.
    /// </summary>
    public const string Cart = """
        using System.Threading.Tasks;
        using Eventfold;

        namespace Shop.Carts;

        public interface ICartNote { string Text { get; } }

        [Event] public record LineAdded(string Sku, decimal Price);
        [Event] public sealed record PromotionalLineAdded(string Sku, decimal Price, decimal Discount) : LineAdded(Sku, Price);
        [Event] public sealed record GiftNote(string Text) : ICartNote;
        [Event] public sealed record CartViewed(string By);

        public static partial class Store
        {
            [Aggregate("cart")]
            public sealed partial class Cart
            {
                private Cart() { }

                public decimal Total { get; private set; }
                public int Notes { get; private set; }

                private void Apply(LineAdded e) => Total += e.Price;
                private void Apply(PromotionalLineAdded e) => Total += e.Price - e.Discount;
                private void Apply(ICartNote e) => Notes++;

                // Shapes the generator skips (analyzer EVF008 reports them):
                private static void Apply(CartViewed e) { }
                private void Apply(CartViewed e, int times) { }
                private Task Apply(string text) => Task.CompletedTask;
                private void Apply(ref decimal amount) { }
            }
        }
        """;

    /// <summary>Events with default and explicit names, and upcasters the generator must skip.</summary>
    public const string Billing = """
        using System.Text.Json.Nodes;
        using Eventfold;

        namespace Billing
        {
            [Event] public sealed record InvoiceIssued(string Id, decimal Amount);
            [Event("invoice.paid", Version = 3)] public sealed record InvoicePaid(string Id, decimal Amount, string Method);
            [Event("invoice.paid", Version = 2)] public sealed record InvoicePaidV2(string Id, decimal Amount);
            [Event("other")] public sealed record Unrelated(string Id);

            internal sealed class Upcasts
            {
                [Upcaster] internal static InvoicePaid PaidV2ToV3(InvoicePaidV2 e) => new(e.Id, e.Amount, "card");

                [Upcaster("invoice.paid", FromVersion = 1)]
                internal static JsonObject PaidV1(JsonObject old) { old["amount"] = 0; return old; }

                // Skipped: not static, private, names differ, no FromVersion, a type that is no event.
                [Upcaster] public InvoicePaid NotStatic(InvoicePaidV2 e) => new(e.Id, e.Amount, "x");
                [Upcaster] private static InvoicePaid Private(InvoicePaidV2 e) => new(e.Id, e.Amount, "x");
                [Upcaster] public static Unrelated WrongName(InvoicePaidV2 e) => new(e.Id);
                [Upcaster("invoice.paid")] public static JsonObject NoVersion(JsonObject old) => old;
                [Upcaster] public static InvoicePaid NotAnEvent(string id) => new(id, 0, "x");
            }

            public class Outer
            {
                [Event] private sealed record Hidden(string Id);
            }
        }
        """;

    /// <summary>
    /// A snapshotted aggregate with every kind of state member: a private field, a readonly collection
    /// field, a private-set property, a nullable property and a get-only collection property.
    /// </summary>
    public const string Ledger = """
        using System.Collections.Generic;
        using Eventfold;

        namespace Books;

        [Event("ledger.posted")] public sealed record Posted(string Account, decimal Amount, string? Memo);

        [Aggregate("ledger", SnapshotEvery = 50)]
        public sealed partial class Ledger
        {
            private int _postings;
            private readonly Dictionary<string, decimal> _balances = new();

            public decimal Total { get; private set; }
            public string? LastMemo { get; private set; }
            public List<string> Memos { get; } = [];

            public int Postings => _postings;

            public void Post(string account, decimal amount, string? memo) => Raise(new Posted(account, amount, memo));

            private void Apply(Posted e)
            {
                _postings++;
                _balances[e.Account] = _balances.GetValueOrDefault(e.Account) + e.Amount;
                Total += e.Amount;
                LastMemo = e.Memo;
                if (e.Memo is not null) Memos.Add(e.Memo);
            }
        }
        """;
}

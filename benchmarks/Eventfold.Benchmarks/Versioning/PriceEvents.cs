using System.Text.Json.Nodes;
using Eventfold;

namespace Eventfold.Benchmarks.Versioning;

// One event name in three schema versions, as three releases of an application wrote it: cents
// without a currency, then cents with a currency, then a decimal amount with a currency.

[Event("catalog.price-set", Version = 3)]
public sealed record PriceSet(string Sku, decimal Amount, string Currency);

[Event("catalog.price-set", Version = 2)]
public sealed record PriceSetV2(string Sku, long Cents, string Currency);

[Event("catalog.price-set", Version = 1)]
public sealed record PriceSetV1(string Sku, long Cents);

public static class PriceUpcasters
{
    [Upcaster]
    public static PriceSetV2 ToV2(PriceSetV1 e) => new(e.Sku, e.Cents, "EUR");

    [Upcaster]
    public static PriceSet ToV3(PriceSetV2 e) => new(e.Sku, e.Cents / 100m, e.Currency);
}

// The same chain with its first step over JSON, for a version whose CLR type no longer exists.

[Event("catalog.discount-set", Version = 3)]
public sealed record DiscountSet(string Sku, decimal Amount, string Currency);

[Event("catalog.discount-set", Version = 2)]
public sealed record DiscountSetV2(string Sku, long Cents, string Currency);

public static class DiscountUpcasters
{
    [Upcaster("catalog.discount-set", FromVersion = 1)]
    public static JsonObject V1ToV2(JsonObject old)
    {
        old["currency"] = "EUR";
        return old;
    }

    [Upcaster]
    public static DiscountSet ToV3(DiscountSetV2 e) => new(e.Sku, e.Cents / 100m, e.Currency);
}

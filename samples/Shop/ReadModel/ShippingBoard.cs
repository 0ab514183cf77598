using Shop.Domain;

namespace Shop.ReadModel;

/// <summary>
/// A read model of paid and shipped orders, fed by a <see cref="ProjectionRunner{T}"/>. Kept in memory, so it
/// holds what this run handled past the stored checkpoint; a durable one would use SqliteReadModel.
/// Its payment handler fails once for one order, as a read model whose database is briefly down would.
/// </summary>
[Projection("shop-shipping-board")]
public sealed partial class ShippingBoard
{
    public Dictionary<string, (decimal Paid, string? Carrier)> Orders { get; } = new();

    /// <summary>The order whose first payment event the handler refuses.</summary>
    public string? FailOnceFor { get; set; }

    private void On(OrderPaid e)
    {
        if (e.OrderId == FailOnceFor)
        {
            FailOnceFor = null;
            throw new InvalidOperationException($"board database unavailable while recording payment of {e.OrderId}");
        }

        Orders[e.OrderId] = (e.Amount, Orders.GetValueOrDefault(e.OrderId).Carrier);
    }

    private void On(OrderShipped e) => Orders[e.OrderId] = (Orders.GetValueOrDefault(e.OrderId).Paid, e.Carrier);
}

using System.Collections.Concurrent;
using Eventfold;
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
    /// <summary>The rows, by order id; concurrent, since the runner writes while others read.</summary>
    public ConcurrentDictionary<string, (decimal Paid, string? Carrier)> Orders { get; } = new();

    /// <summary>The order whose first payment event the handler refuses.</summary>
    public volatile string? FailOnceFor;

    private void On(OrderPaid e)
    {
        if (e.OrderId == FailOnceFor)
        {
            FailOnceFor = null;
            throw new InvalidOperationException($"board database unavailable while recording payment of {e.OrderId}");
        }

        // Atomic per row: an operator's replay of a parked event may run beside the live runner.
        Orders.AddOrUpdate(e.OrderId, (e.Amount, null), (_, row) => (e.Amount, row.Carrier));
    }

    private void On(OrderShipped e) => Orders.AddOrUpdate(e.OrderId, (0m, e.Carrier), (_, row) => (row.Paid, e.Carrier));
}

using Eventfold;

namespace Shop.Domain;

[Event("OrderPlaced")]
public sealed record OrderPlaced(string OrderId, string CustomerId);

[Event("ItemAdded")]
public sealed record ItemAdded(string OrderId, string Sku, int Quantity, decimal UnitPrice);

[Event("OrderPaid")]
public sealed record OrderPaid(string OrderId, decimal Amount, string PaymentId);

[Event("OrderShipped")]
public sealed record OrderShipped(string OrderId, string Carrier);

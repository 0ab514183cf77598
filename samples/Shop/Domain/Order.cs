using Eventfold;

namespace Shop.Domain;

/// <summary>An order: its commands check the rules, its Apply methods only change state.</summary>
[Aggregate("order")]
public sealed partial class Order
{
    private readonly Dictionary<string, int> _lines = new();

    public string CustomerId { get; private set; } = "";

    public decimal Total { get; private set; }

    public decimal Paid { get; private set; }

    public string Status { get; private set; } = "new";

    public IReadOnlyDictionary<string, int> Lines => _lines;

    public void Place(string customerId)
    {
        if (Version >= 0)
        {
            throw new InvalidOperationException($"order {Id} is already placed");
        }

        Raise(new OrderPlaced(Id, customerId));
    }

    public void AddItem(string sku, int quantity, decimal unitPrice)
    {
        EnsureStatus("placed");
        Raise(new ItemAdded(Id, sku, quantity, unitPrice));
    }

    public void Pay(string paymentId)
    {
        EnsureStatus("placed");
        Raise(new OrderPaid(Id, Total, paymentId));
    }

    public void Ship(string carrier)
    {
        EnsureStatus("paid");
        Raise(new OrderShipped(Id, carrier));
    }

    private void EnsureStatus(string expected)
    {
        if (Status != expected)
        {
            throw new InvalidOperationException($"order {Id} is {Status}, not {expected}");
        }
    }

    private void Apply(OrderPlaced e)
    {
        CustomerId = e.CustomerId;
        Status = "placed";
    }

    private void Apply(ItemAdded e)
    {
        _lines[e.Sku] = _lines.GetValueOrDefault(e.Sku) + e.Quantity;
        Total += e.Quantity * e.UnitPrice;
    }

    private void Apply(OrderPaid e)
    {
        Paid = e.Amount;
        Status = "paid";
    }

    private void Apply(OrderShipped e) => Status = $"shipped by {e.Carrier}";
}

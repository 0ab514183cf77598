using Eventfold;
using Shop.Shipping;
using static Shop.ShopConsole;
using Customer = Shop.Customers.Customer;

namespace Shop.Tour;

/// <summary>
/// Event-carried state transfer: sales saves a customer; its state is published; shipping's replica, kept by
/// the host, follows it without ever calling sales, and never sees the private e-mail address.
/// </summary>
public sealed class StateTransferSection(IEventStore store, AggregateRepository<Customer> customers, StateReplica<ShippingCustomer> shipping)
{
    public async Task RunAsync(CancellationToken ct)
    {
        Heading("A second bounded context: shipping keeps a replica of the customers sales publishes");
        string customerId = $"c-{Guid.NewGuid():N}"[..10];
        // The replica holds earlier runs' customers too: this run follows its own.
        EventHandler<StateReplicaChange<ShippingCustomer>> print = (_, change) =>
        {
            if (change.Current.Id == customerId)
            {
                Note($"shipping's copy: {change.Previous?.City ?? "(new)"} -> {change.Current.City}, v{change.Current.Version}");
            }
        };
        shipping.Changed += print;
        try
        {
            var customer = customers.Create(customerId);
            Command($"sales registers {customerId}: Ada in Leeds, ada@example.com");
            customer.Register("Ada", "Leeds", "ada@example.com");
            await customers.SaveAsync(customer, ct);
            await Eventually.HoldsAsync(() => shipping.Get(customerId) is { Version: 0 }, ct);
            Command("sales: Ada moves to York");
            customer.MoveTo("York");
            await customers.SaveAsync(customer, ct);
            await Eventually.HoldsAsync(() => shipping.Get(customerId) is { Version: 1 }, ct);
        }
        finally
        {
            shipping.Changed -= print;
        }

        Note($"shipping addresses the parcel to: {shipping.Get(customerId)}");
        await foreach (var published in store.ReadStreamAsync(StateStreams.StreamFor("customer", customerId), StreamReadOptions.Backwards with { MaxCount = 1 }, ct))
        {
            string json = System.Text.Encoding.UTF8.GetString(store.Serializer.Serialize(new EventData(published.Event, published.EventId, EventMetadata.Empty)).Data);
            Note($"what left sales: {json} (no e-mail: it is [NotPublished])");
        }
    }
}

using Eventfold;

namespace Shop.Shipping;

/// <summary>
/// The shipping context's copy of the customers sales publishes: only what shipping needs to address a
/// parcel. It never calls sales; it reads the published state from the log.
/// </summary>
[StateReplica("customer.state")]
public sealed partial record ShippingCustomer(string Id, long Version, string Name, string City);

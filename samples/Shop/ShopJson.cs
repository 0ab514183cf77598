using System.Text.Json;
using System.Text.Json.Serialization;
using Shop.Checkout;
using Shop.Domain;
using Shop.Shipping;

namespace Shop;

/// <summary>
/// The shop's JSON metadata, source-generated: no reflection, so the sample also publishes with Native AOT.
/// It lists the events, the checkout saga's data and the shipping replica. Not the generated
/// <c>CustomerState</c>: Eventfold writes its JSON itself (only its members' types must be here, EVF072 says which).
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(OrderPlaced))]
[JsonSerializable(typeof(ItemAdded))]
[JsonSerializable(typeof(OrderPaid))]
[JsonSerializable(typeof(OrderShipped))]
[JsonSerializable(typeof(CustomerRegistered))]
[JsonSerializable(typeof(CustomerRegisteredV1))]
[JsonSerializable(typeof(PointsEarned))]
[JsonSerializable(typeof(RewardRedeemed))]
// Two contexts name a CustomerRegistered: the loyalty one above and the sales one here.
[JsonSerializable(typeof(Customers.CustomerRegistered), TypeInfoPropertyName = "SalesCustomerRegistered")]
[JsonSerializable(typeof(Customers.CustomerMoved))]
[JsonSerializable(typeof(Checkout.Checkout))]
[JsonSerializable(typeof(ShippingCustomer))]
// The loyalty customer's snapshot holds its rewards.
[JsonSerializable(typeof(List<string>))]
internal sealed partial class ShopJson : JsonSerializerContext;

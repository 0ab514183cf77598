using Eventfold;
using System.Text.Json.Nodes;

namespace Shop.Domain;

/// <summary>The latest schema of a registration: this release also asks for an email address.</summary>
[Event("CustomerRegistered", Version = 2)]
public sealed record CustomerRegistered(string CustomerId, string Name, string Email);

/// <summary>What the first release of the shop stored: a name only. Still readable, never raised.</summary>
[Event("CustomerRegistered", Version = 1)]
public sealed record CustomerRegisteredV1(string CustomerId, string Name);

[Event("PointsEarned")]
public sealed record PointsEarned(string CustomerId, int Points, string Reason);

[Event("RewardRedeemed")]
public sealed record RewardRedeemed(string CustomerId, string Reward, int Cost);

public static class CustomerUpcasts
{
    /// <summary>Customers the first release registered have no email on file.</summary>
    [Upcaster]
    public static CustomerRegistered ToV2(CustomerRegisteredV1 e) => new(e.CustomerId, e.Name, Email: "(none on file)");
}

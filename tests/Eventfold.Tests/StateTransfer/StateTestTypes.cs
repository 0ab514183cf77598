using System.Text.Json.Nodes;

namespace Eventfold.Tests.StateTransfer;

[Event("CustomerRegistered")] public sealed record CustomerRegistered(string CustomerId, string Name, string Email);
[Event("CustomerRenamed")] public sealed record CustomerRenamed(string CustomerId, string Name);

/// <summary>The customer of API.md: its name is published, its e-mail never.</summary>
[Aggregate("customer"), PublishesState]
public sealed partial class Customer
{
    public string Name { get; private set; } = "";

    [NotPublished] public string Email { get; private set; } = "";

    public void Register(string name, string email) => Raise(new CustomerRegistered(Id, name, email));

    public void Rename(string name) => Raise(new CustomerRenamed(Id, name));

    private void Apply(CustomerRegistered e)
    {
        Name = e.Name;
        Email = e.Email;
    }

    private void Apply(CustomerRenamed e) => Name = e.Name;
}

/// <summary>Another context's copy of the customer's published state.</summary>
[StateReplica("customer.state")]
public sealed partial record CustomerView(string Id, long Version, string Name);

[Event("MemberJoined")] public sealed record MemberJoined(string MemberId, string Name, string Tier);

/// <summary>
/// A publisher whose state is at version 2: version 1 published <c>fullName</c> and no tier. Its old states
/// stay readable through the JSON upcaster below.
/// </summary>
[Aggregate("member"), PublishesState(Version = 2)]
public sealed partial class Member
{
    public string Name { get; private set; } = "";

    public string Tier { get; private set; } = "";

    public void Join(string name, string tier) => Raise(new MemberJoined(Id, name, tier));

    private void Apply(MemberJoined e)
    {
        Name = e.Name;
        Tier = e.Tier;
    }
}

public static class MemberStateUpcasts
{
    [Upcaster("member.state", FromVersion = 1)]
    public static JsonObject V1(JsonObject old)
    {
        old["name"] = old["fullName"]?.DeepClone();
        old.Remove("fullName");
        old["tier"] = "standard";
        return old;
    }
}

/// <summary>A replica written when the state had only a name: it keeps reading version 2.</summary>
[StateReplica("member.state")]
public sealed partial record MemberNameView(string Id, long Version, string Name);

/// <summary>A replica of the current state, which reads version 1 states upcast.</summary>
[StateReplica("member.state")]
public sealed partial record MemberView(string Id, long Version, string Name, string Tier);

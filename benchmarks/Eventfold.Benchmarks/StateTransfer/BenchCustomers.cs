namespace Eventfold.Benchmarks.StateTransfer;

// Two customers that differ only in [PublishesState], so a save of one against a save of the other is the
// cost of publishing; and the replica another context keeps of the published one.

[Event("bench.customer-registered")]
public sealed record CustomerRegistered(string CustomerId, string Name);

[Event("bench.customer-renamed")]
public sealed record CustomerRenamed(string CustomerId, string Name);

/// <summary>Publishes its state (<c>bench-customer.state</c>) with every save.</summary>
[Aggregate("bench-customer"), PublishesState]
public sealed partial class PublishedCustomer
{
    public string Name { get; private set; } = "";

    public void Register(string name) => Raise(new CustomerRegistered(Id, name));

    public void Rename(string name) => Raise(new CustomerRenamed(Id, name));

    private void Apply(CustomerRegistered e) => Name = e.Name;

    private void Apply(CustomerRenamed e) => Name = e.Name;
}

/// <summary>The same customer without publishing: the baseline of a save.</summary>
[Aggregate("bench-plain-customer")]
public sealed partial class PlainCustomer
{
    public string Name { get; private set; } = "";

    public void Register(string name) => Raise(new CustomerRegistered(Id, name));

    public void Rename(string name) => Raise(new CustomerRenamed(Id, name));

    private void Apply(CustomerRegistered e) => Name = e.Name;

    private void Apply(CustomerRenamed e) => Name = e.Name;
}

/// <summary>Another context's copy of the published customer.</summary>
[StateReplica("bench-customer.state")]
public sealed partial record CustomerView(string Id, long Version, string Name);

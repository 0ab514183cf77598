using Eventfold;

namespace Shop.Customers;

[Event("shop.customer-registered")] public sealed record CustomerRegistered(string Name, string City, string Email);

[Event("shop.customer-moved")] public sealed record CustomerMoved(string City);

/// <summary>
/// The sales context's customer. Its public state is published after each save to <c>customer.state-{id}</c>
/// for other contexts to copy; the e-mail address is private to sales and never leaves it.
/// </summary>
[Aggregate("customer"), PublishesState]
public sealed partial class Customer
{
    public string Name { get; private set; } = "";

    public string City { get; private set; } = "";

    [NotPublished, PersonalData] public string Email { get; private set; } = "";

    public void Register(string name, string city, string email) => Raise(new CustomerRegistered(name, city, email));

    public void MoveTo(string city) => Raise(new CustomerMoved(city));

    private void Apply(CustomerRegistered e)
    {
        Name = e.Name;
        City = e.City;
        Email = e.Email;
    }

    private void Apply(CustomerMoved e) => City = e.City;
}

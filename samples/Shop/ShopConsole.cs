using Eventfold;
using Shop.Domain;

namespace Shop;

/// <summary>Prints what the sample does in a form a reader can follow: commands, events, state.</summary>
internal static class ShopConsole
{
    public static void Heading(string text) => Console.WriteLine($"\n== {text}");

    public static void Command(string text) => Console.WriteLine($"> {text}");

    public static void Note(string text) => Console.WriteLine($"  {text}");

    public static void Raised(Order order)
    {
        foreach (var e in order.UncommittedEvents)
        {
            Console.WriteLine($"  raised {e}");
        }
    }

    public static void State(Order order)
    {
        string lines = string.Join(", ", order.Lines.Select(l => $"{l.Value} x {l.Key}"));
        Console.WriteLine($"  state: order {order.Id} v{order.Version}, customer {order.CustomerId}, {order.Status}, total {order.Total:0.00}, lines [{lines}]");
    }

    public static void Recorded(RecordedEvent e) =>
        Console.WriteLine($"  #{e.Position,-4} {e.Stream} v{e.Version} {e.EventName} {e.Event}");

    public static void State(Customer customer) =>
        Console.WriteLine($"  state: customer {customer.Id} v{customer.Version}, {customer.Name} <{customer.Email}>, {customer.Points} points, rewards [{string.Join(", ", customer.Rewards)}]");
}

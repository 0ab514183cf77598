using Eventfold;
using Eventfold.Sqlite;
using Shop;
using Shop.Domain;
using static Shop.ShopConsole;

// The shop sample: orders as event-sourced aggregates on the embedded SQLite store.
// Usage: dotnet run --project samples/Shop [-- --db <path>]
string dbPath = ArgValue("--db") ?? Path.Combine(Path.GetTempPath(), "eventfold-shop", "shop.db");
Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(dbPath))!);
Console.WriteLine($"Eventfold shop sample, SQLite store at {dbPath}");

await using IEventStore store = new SqliteEventStore(dbPath);
var orders = new AggregateRepository<Order>(store);
string orderId = $"o-{Guid.NewGuid():N}"[..10];

Heading("Place an order and fill it");
var order = orders.Create(orderId);
Command($"place {orderId} for customer c-7");
order.Place("c-7");
Command("add 2 x espresso-beans at 12.50, 1 x grinder at 89.00");
order.AddItem("espresso-beans", 2, 12.50m);
order.AddItem("grinder", 1, 89.00m);
Raised(order);
await orders.SaveAsync(order);
State(order);

Heading("Two clerks change the order at once: optimistic concurrency");
var clerkA = (await orders.LoadAsync(orderId))!;
var clerkB = (await orders.LoadAsync(orderId))!;
Command("clerk A adds 3 x filter-papers, clerk B adds 1 x descaler, both from v" + clerkA.Version);
clerkA.AddItem("filter-papers", 3, 2.00m);
clerkB.AddItem("descaler", 1, 9.90m);
await orders.SaveAsync(clerkA);
Note($"clerk A saved: now v{clerkA.Version}");
try
{
    await orders.SaveAsync(clerkB);
}
catch (WrongExpectedVersionException conflict)
{
    Note($"clerk B is refused: {conflict.Message}");
    clerkB = (await orders.LoadAsync(orderId))!;
    clerkB.AddItem("descaler", 1, 9.90m);
    await orders.SaveAsync(clerkB);
    Note($"clerk B reloaded and retried: now v{clerkB.Version}");
}

Heading("Load it back from its events, pay and ship");
order = (await orders.LoadAsync(orderId))!;
State(order);
Command("pay with payment p-991, ship with carrier DHL");
order.Pay("p-991");
order.Ship("DHL");
Raised(order);
await orders.SaveAsync(order);
State(order);

Heading("The aggregate guards its rules");
try
{
    Command("add 1 x mug to the shipped order");
    order.AddItem("mug", 1, 7.00m);
}
catch (InvalidOperationException rule)
{
    Note($"refused: {rule.Message}");
}

Heading("Time travel: the order as it was at version 2, before the clerks");
var placedOnly = (await orders.LoadAtVersionAsync(orderId, 2))!;
State(placedOnly);

Heading($"The stream {AggregateRepository<Order>.StreamFor(orderId)} as stored");
await foreach (var e in store.ReadStreamAsync(AggregateRepository<Order>.StreamFor(orderId)))
{
    Recorded(e);
}

long total = 0;
await foreach (var _ in store.ReadAllAsync(GlobalPosition.Start))
{
    total++;
}

Heading("The global log");
Note($"{total} events in {dbPath} (the file keeps them across runs)");

string? ArgValue(string name)
{
    int at = Array.IndexOf(args, name);
    return at >= 0 && at + 1 < args.Length ? args[at + 1] : null;
}

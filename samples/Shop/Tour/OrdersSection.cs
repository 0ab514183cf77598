using Eventfold;
using Eventfold.EventStoreDb;
using Shop.Domain;
using static Shop.ShopConsole;

namespace Shop.Tour;

/// <summary>Event sourcing: an order placed, changed by two clerks at once, loaded back, guarded, and seen as of a version.</summary>
public sealed class OrdersSection(IEventStore store, AggregateRepository<Order> orders)
{
    public async Task RunAsync(string orderId, CancellationToken ct)
    {
        Heading("Place an order and fill it");
        var order = orders.Create(orderId);
        Command($"place {orderId} for customer c-7");
        order.Place("c-7");
        Command("add 2 x espresso-beans at 12.50, 1 x grinder at 89.00");
        order.AddItem("espresso-beans", 2, 12.50m);
        order.AddItem("grinder", 1, 89.00m);
        Raised(order);
        await orders.SaveAsync(order, ct);
        State(order);

        Heading("Two clerks change the order at once: optimistic concurrency");
        var clerkA = (await orders.LoadAsync(orderId, ct))!;
        var clerkB = (await orders.LoadAsync(orderId, ct))!;
        Command("clerk A adds 3 x filter-papers, clerk B adds 1 x descaler, both from v" + clerkA.Version);
        clerkA.AddItem("filter-papers", 3, 2.00m);
        clerkB.AddItem("descaler", 1, 9.90m);
        await orders.SaveAsync(clerkA, ct);
        Note($"clerk A saved: now v{clerkA.Version}");
        try
        {
            await orders.SaveAsync(clerkB, ct);
        }
        catch (WrongExpectedVersionException conflict)
        {
            Note($"clerk B is refused: {conflict.Message}");
            // Load, decide, save again: UpdateAsync retries the decision on the newest version.
            clerkB = await orders.UpdateAsync(orderId, o => o.AddItem("descaler", 1, 9.90m), ct: ct);
            Note($"clerk B decided again on the newest version: now v{clerkB.Version}");
        }

        Heading("Load it back from its events, pay and ship");
        order = (await orders.LoadAsync(orderId, ct))!;
        State(order);
        Command("pay with payment p-991, ship with carrier DHL");
        order.Pay("p-991");
        order.Ship("DHL");
        Raised(order);
        await orders.SaveAsync(order, ct);
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
        State((await orders.LoadAtVersionAsync(orderId, 2, ct))!);

        Heading($"The stream {AggregateRepository<Order>.StreamFor(orderId)} as stored");
        await foreach (var e in store.ReadStreamAsync(AggregateRepository<Order>.StreamFor(orderId), default, ct))
        {
            Recorded(e);
        }

        // A server's $all holds other applications' events too: count the shop's orders only there.
        bool onServer = store is EventStoreDbEventStore;
        var ordersOnly = onServer ? EventFilter.ForStreamPrefixes(AggregateRepository<Order>.StreamFor("")) : null;
        long total = 0;
        await foreach (var _ in store.ReadAllAsync(GlobalPosition.Start, ordersOnly, ct))
        {
            total++;
        }

        Heading("The global log");
        Note(onServer ? $"{total} order events on the server" : $"{total} events in the file (it keeps them across runs)");
    }
}

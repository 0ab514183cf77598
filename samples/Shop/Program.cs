using Eventfold;
using Eventfold.Sqlite;
using Shop;
using Shop.Domain;
using Shop.ReadModel;
using static Shop.ShopConsole;

// The shop sample: orders as event-sourced aggregates on the embedded SQLite store, or on
// EventStoreDB when given a connection string.
// Usage: dotnet run --project samples/Shop [-- --db <path>] [-- --esdb esdb://127.0.0.1:2113?tls=false]
// Add -- --fail-checkout to make the checkout saga's shipping fail and watch it compensate, or
// -- --crash-checkout to kill the process mid-saga; the next run resumes that saga.
string? esdb = ArgValue("--esdb");
string dbPath = ArgValue("--db") ?? Path.Combine(Path.GetTempPath(), "eventfold-shop", "shop.db");
string where;
IEventStore chosen;
if (esdb is null)
{
    Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(dbPath))!);
    chosen = new SqliteEventStore(dbPath);
    where = dbPath;
    Console.WriteLine($"Eventfold shop sample, SQLite store at {dbPath}");
}
else
{
    var server = new Eventfold.EventStoreDb.EventStoreDbEventStore(esdb);
    chosen = server;
    where = $"EventStoreDB {string.Join(",", server.Settings.Hosts)}";
    Console.WriteLine($"Eventfold shop sample, {where}");
}

await using IEventStore store = chosen;
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

// A server's $all holds other applications' events too: count the shop's orders only there.
var ordersOnly = esdb is null ? null : EventFilter.ForStreamPrefixes(AggregateRepository<Order>.StreamFor(""));
long total = 0;
await foreach (var _ in store.ReadAllAsync(GlobalPosition.Start, ordersOnly))
{
    total++;
}

Heading("The global log");
Note(esdb is null ? $"{total} events in {dbPath} (the file keeps them across runs)" : $"{total} order events in {where}");

Heading("A read model fed by a projection runner; a failing handler parks the event");
// No retries here, so the handler's one failure parks the payment at once (the default retries 3 times).
var board = new ProjectionRunner<ShippingBoard>(store, new ShippingBoard { FailOnceFor = orderId }, new ProjectionRunnerOptions { Retries = 0 });
await board.CatchUpAsync();
Note($"board: {orderId} {Board(orderId)}");
foreach (var parked in await board.ListParkedAsync())
{
    Note($"parked: {parked.EventName} of {parked.Stream} v{parked.Version} at {parked.Position}: {parked.Error}");
}

Command("the board's database is back: replay the parked events");
Note($"replayed {await board.ReplayAllParkedAsync()}; still parked: {(await board.ListParkedAsync()).Count}");
Note($"board: {orderId} {Board(orderId)}");

string Board(string id) => board.Projection.Orders.TryGetValue(id, out var row) ? $"paid {row.Paid:0.00}, shipped by {row.Carrier ?? "-"}" : "not on the board";

Heading("A notifier fed faster than it can send: back pressure");
await Feed("Wait", new WaitingNotifier(), n => n.EnqueueAsync, n => n.Stats);
var dropping = new DroppingNotifier();
int dropped = 0;
dropping.Configure(o => o with { OnUndelivered = _ => Interlocked.Increment(ref dropped) });
await Feed("DropOldest", dropping, n => n.EnqueueAsync, n => n.Stats);
Note($"  DropOldest told OnUndelivered of {dropped} dropped emails");
var rejecting = new RejectingNotifier();
int refused = 0;
await Feed("Reject", rejecting, n => (m, _) => { if (!n.TryEnqueue(m)) { refused++; } return default; }, n => n.Stats);
Note($"  Reject: TryEnqueue returned false {refused} times");
var elastic = new ElasticNotifier();
elastic.Configure(o => o with { Elastic = new ElasticWorkerOptions { SampleInterval = TimeSpan.FromMilliseconds(10), GrowAfter = TimeSpan.FromMilliseconds(30) } });
await Feed("Elastic 1..4", elastic, n => n.EnqueueAsync, n => n.Stats);
var droppingNewest = new DroppingNewestNotifier();
var droppedNewest = new List<string>();
droppingNewest.Configure(o => o with { OnUndelivered = u => { lock (droppedNewest) { droppedNewest.Add(((SendConfirmation)u.Message).OrderId); } } });
await Feed("DropNewest", droppingNewest, n => n.EnqueueAsync, n => n.Stats);
Note($"  DropNewest dropped the newest waiting each time: {string.Join(", ", droppedNewest.Take(5))}, ...");
var throttled = new ThrottledNotifier();
var throttleClock = System.Diagnostics.Stopwatch.StartNew();
await Feed("PerSecond 100", throttled, n => n.EnqueueAsync, n => n.Stats);
Note($"  PerSecond: 60 sent in {throttleClock.Elapsed.TotalMilliseconds:0} ms with 4 workers, at most 100 a second");

Heading("A second bounded context: shipping keeps a replica of the customers sales publishes");
var customers = new AggregateRepository<Shop.Customers.Customer>(store);
var shipping = new StateReplica<Shop.Shipping.ShippingCustomer>(store);
string customerId = $"c-{Guid.NewGuid():N}"[..10];
// The file keeps earlier runs' customers too: this run follows its own.
shipping.Changed += (_, change) =>
{
    if (change.Current.Id == customerId)
    {
        Note($"shipping's copy: {change.Previous?.City ?? "(new)"} -> {change.Current.City}, v{change.Current.Version}");
    }
};
var customer = customers.Create(customerId);
Command($"sales registers {customerId}: Ada in Leeds, ada@example.com");
customer.Register("Ada", "Leeds", "ada@example.com");
await customers.SaveAsync(customer);
await shipping.CatchUpAsync();
Command("sales: Ada moves to York");
customer.MoveTo("York");
await customers.SaveAsync(customer);
await shipping.CatchUpAsync();
Note($"shipping addresses the parcel to: {shipping.Get(customerId)}");
await foreach (var published in store.ReadStreamAsync(StateStreams.StreamFor("customer", customerId), StreamReadOptions.Backwards with { MaxCount = 1 }))
{
    string json = System.Text.Encoding.UTF8.GetString(EventSerializer.Default.Serialize(new EventData(published.Event, published.EventId, EventMetadata.Empty)).Data);
    Note($"what left sales: {json} (no e-mail: it is [NotPublished])");
}

bool failCheckout = args.Contains("--fail-checkout");
bool crashCheckout = args.Contains("--crash-checkout");
Heading("A checkout saga: stock, payment, shipping" + (failCheckout ? ", with shipping made to fail" : " (run with -- --fail-checkout to see it compensate)"));
var services = new Shop.Checkout.CheckoutServices { FailShipping = failCheckout, CrashAfterCharge = crashCheckout };
var checkouts = new SagaCoordinator<Shop.Checkout.CheckoutSaga, Shop.Checkout.Checkout>(
    store, () => new Shop.Checkout.CheckoutSaga(services), new SagaCoordinatorOptions { RetryDelay = TimeSpan.FromMilliseconds(10) });
// A checkout an earlier run left mid-way (run once with -- --crash-checkout) resumes here, at the step after the
// last one its log holds: the charge runs again under the same idempotency key, so a real service charges once.
int resumed = await checkouts.RecoverAsync();
Note(resumed == 0 ? "no checkout left unfinished by an earlier run (run with -- --crash-checkout, then again, to see one resume)" : $"resumed and ended {resumed} checkout(s) an earlier run left unfinished");
var outcome = await checkouts.RunAsync("checkout-" + orderId, new Shop.Checkout.Checkout(orderId, order.Total));
Note($"the saga ended {outcome.Status}" + (outcome.FailedStep is null ? "" : $": {outcome.FailedStep} failed ({outcome.Error?.Message}), completed steps undone in reverse order"));
Note($"its log is the stream {SagaCoordinator<Shop.Checkout.CheckoutSaga, Shop.Checkout.Checkout>.StreamOf("checkout-" + orderId)}; the diagram (Mermaid):");
foreach (var line in Shop.Checkout.CheckoutSaga.Diagram.Split('\n', StringSplitOptions.RemoveEmptyEntries))
{
    Note("  " + line);
}

string? ArgValue(string name)
{
    int at = Array.IndexOf(args, name);
    return at >= 0 && at + 1 < args.Length ? args[at + 1] : null;
}

// Offers 60 confirmations as fast as the policy lets the sender go, sampling depth and workers.
async Task Feed<T>(string policy, T notifier, Func<T, Func<SendConfirmation, CancellationToken, ValueTask>> enqueue, Func<T, DispatcherStats> stats)
    where T : IBoundedDispatcher
{
    var send = enqueue(notifier);
    long maxDepth = 0;
    int maxWorkers = 0;
    var clock = System.Diagnostics.Stopwatch.StartNew();
    for (int i = 0; i < 60; i++)
    {
        await send(new SendConfirmation($"o-{i}"), CancellationToken.None);
        var now = stats(notifier);
        maxDepth = Math.Max(maxDepth, now.Depth);
        maxWorkers = Math.Max(maxWorkers, now.Workers);
    }

    var offered = clock.Elapsed;
    await notifier.StopAsync();
    var s = stats(notifier);
    Note($"{policy,-12} offered 60 in {offered.TotalMilliseconds,4:0} ms: depth at most {maxDepth}, workers up to {maxWorkers}; sent {s.Processed}, dropped {s.Dropped}, rejected {s.Rejected}");
}

Heading("Schema evolution: a member the first release registered, read by this one");
var loyalty = new AggregateRepository<Shop.Domain.Customer>(store);
string memberId = $"c-{Guid.NewGuid():N}"[..10];
string memberStream = AggregateRepository<Shop.Domain.Customer>.StreamFor(memberId);
// Written exactly as the first release wrote it: an instance of the version 1 type is stored as version 1.
Command($"the first release registers {memberId}: CustomerRegistered version 1, no email");
await store.AppendAsync(memberStream, ExpectedVersion.NoStream, [new EventData(new CustomerRegisteredV1(memberId, "Ada"), Guid.NewGuid(), EventMetadata.Empty)]);
await foreach (var e in store.ReadStreamAsync(memberStream))
{
    Note($"stored as {e.EventName} v{e.SchemaVersion}, read through the upcaster as {e.Event}");
}

var member = (await loyalty.LoadAsync(memberId))!;
State(member);

Heading("A snapshotted aggregate: Customer keeps a snapshot every 5 events");
Command("earn points for 12 orders and redeem a mug, saving after each");
for (int i = 1; i <= 12; i++)
{
    member.EarnPoints(10, $"order {i}");
    await loyalty.SaveAsync(member);
}

member.Redeem("mug", 50);
await loyalty.SaveAsync(member);
State(member);

// A save writes its snapshot in the background; the last crossing of a multiple of 5 events was at v9.
var snapshot = await store.GetSnapshotAsync(memberStream);
for (int wait = 0; snapshot?.Version != 9 && wait < 100; wait++)
{
    await Task.Delay(20);
    snapshot = await store.GetSnapshotAsync(memberStream);
}

if (snapshot is not null)
{
    Note($"snapshot at v{snapshot.Version} ({snapshot.StateType}): {System.Text.Encoding.UTF8.GetString(snapshot.Data)}");
}

var restored = (await loyalty.LoadAsync(memberId))!;
Note($"loaded: the snapshot at v{snapshot?.Version}, then the {restored.Version - (snapshot?.Version ?? -1)} events after it");
State(restored);

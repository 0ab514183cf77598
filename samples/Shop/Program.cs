using Eventfold;
using Eventfold.EventStoreDb;
using Eventfold.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Shop;
using Shop.Checkout;
using Shop.Domain;
using Shop.ReadModel;
using Shop.Shipping;
using Shop.Tour;

// The shop sample: one hosted application running the five patterns together, on the embedded SQLite store,
// or on EventStoreDB when given a connection string.
// Usage: dotnet run --project samples/Shop [-- --db <path>] [-- --esdb esdb://127.0.0.1:2113?tls=false]
// Add -- --fail-checkout to make the checkout saga's shipping fail and watch it compensate, or
// -- --crash-checkout to kill the process mid-saga; the next run's saga host resumes that saga.
// Add -- --keep-running to leave the service running (projection, replica, saga host) after the tour.
var shop = ShopArguments.Parse(args);
// The sample reads its own switches (above); the host gets none, so a bare switch is not read as configuration.
var builder = Host.CreateApplicationBuilder();
// The tour prints what happens; the framework's log shows warnings and errors (a parked event, a failed step).
builder.Logging.SetMinimumLevel(LogLevel.Warning);
builder.Logging.AddSimpleConsole(o => o.SingleLine = true);

builder.Services.AddSingleton(shop);
builder.Services.AddSingleton(new CheckoutServices { FailShipping = shop.FailCheckout, CrashAfterCharge = shop.CrashCheckout });
if (shop.EventStoreDb is null)
{
    Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(shop.DatabasePath))!);
    // Shipping keeps its copy of the customers in a file of its own, so a restart does not re-read them all.
    builder.Services.AddSingleton<IStateReplicaStorage>(new SqliteStateReplicaStorage(Path.ChangeExtension(shop.DatabasePath, ".shipping.db")));
}

// JSON from the shop's source-generated context (ShopJson): no reflection, so the sample also runs as Native AOT.
var serializer = EventSerializer.Create(ShopJson.Default);
builder.Services
    .AddEventfold(o =>
    {
        if (shop.EventStoreDb is null)
        {
            o.UseSqlite(shop.DatabasePath, new SqliteEventStoreOptions { Serializer = serializer });
        }
        else
        {
            o.UseEventStoreDb(shop.EventStoreDb, new EventStoreOptions { Serializer = serializer });
        }
    })
    // No retries on the board, so its one failing payment is parked at once (the default retries 3 times).
    .AddProjection<ShippingBoard>(new ProjectionRunnerOptions { Retries = 0, CheckpointInterval = TimeSpan.FromMilliseconds(100) })
    .AddStateReplica<ShippingCustomer>(new StateReplicaOptions { Json = ShopJson.Default.Options })
    .AddSaga<CheckoutSaga, Checkout>(new SagaCoordinatorOptions { RetryDelay = TimeSpan.FromMilliseconds(10), DataJson = ShopJson.Default.Options })
    // The host's notifier, tuned to grow its workers within a few tens of milliseconds. Its other settings come
    // from its [BoundedDispatcher] attribute, and Eventfold:Dispatchers:ElasticNotifier in configuration may change them.
    .AddDispatcher<ElasticNotifier>(o => o.Elastic = new ElasticWorkerOptions
    {
        SampleInterval = TimeSpan.FromMilliseconds(10),
        GrowAfter = TimeSpan.FromMilliseconds(30),
    });

builder.Services.AddSingleton<OrdersSection>();
builder.Services.AddSingleton<ReadModelSection>();
builder.Services.AddSingleton<BackPressureSection>();
builder.Services.AddSingleton<StateTransferSection>();
builder.Services.AddSingleton<CheckoutSection>();
builder.Services.AddSingleton<EvolutionSection>();
builder.Services.AddHostedService<ShopTour>();

await builder.Build().RunAsync();

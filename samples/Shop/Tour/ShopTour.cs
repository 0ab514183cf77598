using Eventfold;
using Eventfold.EventStoreDb;
using Microsoft.Extensions.Hosting;
using static Shop.ShopConsole;

namespace Shop.Tour;

/// <summary>
/// Walks through the shop while its hosted services run: each section uses the same store, repositories,
/// projection, replica, saga and dispatcher the container gives any other code. When the tour ends the
/// application stops (and its services drain and store their checkpoints), unless asked to keep running.
/// </summary>
public sealed class ShopTour(
    IEventStore store,
    ShopArguments shop,
    IHostApplicationLifetime lifetime,
    OrdersSection orders,
    ReadModelSection readModel,
    BackPressureSection backPressure,
    StateTransferSection stateTransfer,
    CheckoutSection checkout,
    EvolutionSection evolution) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Let the host finish starting (and the saga host resume what an earlier run left) before the first line.
        await Task.Yield();
        Console.WriteLine(store is EventStoreDbEventStore server
            ? $"Eventfold shop sample, EventStoreDB {string.Join(",", server.Settings.Hosts)}"
            : $"Eventfold shop sample, SQLite store at {shop.DatabasePath}");
        try
        {
            string orderId = $"o-{Guid.NewGuid():N}"[..10];
            readModel.FailOnceFor(orderId);
            await orders.RunAsync(orderId, stoppingToken);
            await readModel.RunAsync(orderId, stoppingToken);
            await backPressure.RunAsync(stoppingToken);
            await stateTransfer.RunAsync(stoppingToken);
            await checkout.RunAsync(orderId, stoppingToken);
            await evolution.RunAsync(stoppingToken);
        }
        catch (Exception) when (!stoppingToken.IsCancellationRequested)
        {
            Environment.ExitCode = 1;
            throw;
        }
        finally
        {
            if (shop.KeepRunning)
            {
                Heading("The tour is over; the service keeps running (Ctrl+C to stop)");
            }
            else
            {
                lifetime.StopApplication();
            }
        }
    }
}

using System.Collections.Concurrent;
using MassTransit;
using MassTransit.Courier.Contracts;

namespace Eventfold.Benchmarks.Sagas;

/// <summary>
/// A MassTransit bus on its in-memory transport hosting the three activities (each compensable one with its
/// compensate endpoint), and an endpoint that receives each routing slip's completed or faulted event, so that
/// <see cref="RunAsync"/> returns when the slip has ended, as <c>RunAsync</c> of the coordinator does.
/// </summary>
public sealed class RoutingSlipBus : IAsyncDisposable
{
    private static readonly Uri Events = new("loopback://localhost/routing-slip-events");
    private static readonly Uri Reserve = new("loopback://localhost/reserve-stock_execute");
    private static readonly Uri Charge = new("loopback://localhost/charge_execute");
    private static readonly Uri Notify = new("loopback://localhost/notify_execute");

    private readonly ConcurrentDictionary<Guid, TaskCompletionSource> _running = new();
    private readonly IBusControl _bus;

    public RoutingSlipBus(NoOpServices services)
    {
        _bus = Bus.Factory.CreateUsingInMemory(bus =>
        {
            bus.ReceiveEndpoint("reserve-stock_compensate", e => e.CompensateActivityHost<ReserveStockActivity, OrderLog>(() => new ReserveStockActivity(services)));
            bus.ReceiveEndpoint("reserve-stock_execute", e =>
                e.ExecuteActivityHost<ReserveStockActivity, OrderArguments>(new Uri("loopback://localhost/reserve-stock_compensate"), () => new ReserveStockActivity(services)));
            bus.ReceiveEndpoint("charge_compensate", e => e.CompensateActivityHost<ChargeActivity, OrderLog>(() => new ChargeActivity(services)));
            bus.ReceiveEndpoint("charge_execute", e =>
                e.ExecuteActivityHost<ChargeActivity, OrderArguments>(new Uri("loopback://localhost/charge_compensate"), () => new ChargeActivity(services)));
            bus.ReceiveEndpoint("notify_execute", e => e.ExecuteActivityHost<NotifyActivity, OrderArguments>(() => new NotifyActivity(services)));
            bus.ReceiveEndpoint("routing-slip-events", e =>
            {
                e.Handler<RoutingSlipCompleted>(context => End(context.Message.TrackingNumber, null));
                e.Handler<RoutingSlipFaulted>(context => End(context.Message.TrackingNumber, "faulted: " + string.Join("; ", context.Message.ActivityExceptions.Select(x => x.ExceptionInfo.Message))));
            });
        });
        _bus.Start(TimeSpan.FromSeconds(30));
    }

    /// <summary>Executes the three-activity routing slip for <paramref name="order"/> and waits for its completed event.</summary>
    public Task RunAsync(BenchOrder order)
    {
        var trackingNumber = NewId.NextGuid();
        var builder = new RoutingSlipBuilder(trackingNumber);
        var arguments = new OrderArguments { OrderId = order.OrderId, Amount = order.Amount };
        builder.AddActivity("reserve-stock", Reserve, arguments);
        builder.AddActivity("charge", Charge, arguments);
        builder.AddActivity("notify", Notify, arguments);
        builder.AddSubscription(Events, RoutingSlipEvents.Completed | RoutingSlipEvents.Faulted);
        var ended = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _running[trackingNumber] = ended;
        return ExecuteAsync(builder.Build(), ended.Task);
    }

    public ValueTask DisposeAsync() => new(_bus.StopAsync());

    private async Task ExecuteAsync(RoutingSlip slip, Task ended)
    {
        await _bus.Execute(slip);
        await ended;
    }

    private Task End(Guid trackingNumber, string? fault)
    {
        if (_running.TryRemove(trackingNumber, out var ended))
        {
            if (fault is null)
            {
                ended.SetResult();
            }
            else
            {
                ended.SetException(new InvalidOperationException("Routing slip " + trackingNumber + " " + fault));
            }
        }

        return Task.CompletedTask;
    }
}

using MassTransit;

namespace Eventfold.Benchmarks.Sagas;

/// <summary>The arguments every activity of the routing slip reads: the order, as the saga's data carries it.</summary>
public sealed class OrderArguments
{
    public string OrderId { get; init; } = "";

    public decimal Amount { get; init; }
}

/// <summary>What a compensable activity logs, for its compensation.</summary>
public sealed class OrderLog
{
    public string OrderId { get; init; } = "";
}

/// <summary>Step 1 of the saga as a MassTransit activity: the same service call, compensable.</summary>
public sealed class ReserveStockActivity(NoOpServices services) : IActivity<OrderArguments, OrderLog>
{
    public async Task<ExecutionResult> Execute(ExecuteContext<OrderArguments> context)
    {
        await services.ReserveStock(new BenchOrder(context.Arguments.OrderId, context.Arguments.Amount), context.CancellationToken);
        return context.Completed(new OrderLog { OrderId = context.Arguments.OrderId });
    }

    public async Task<CompensationResult> Compensate(CompensateContext<OrderLog> context)
    {
        await services.ReleaseStock(new BenchOrder(context.Log.OrderId, 0m), context.CancellationToken);
        return context.Compensated();
    }
}

/// <summary>Step 2: the charge, compensable; its payment id goes on as a routing slip variable, as the saga's data carries it.</summary>
public sealed class ChargeActivity(NoOpServices services) : IActivity<OrderArguments, OrderLog>
{
    public async Task<ExecutionResult> Execute(ExecuteContext<OrderArguments> context)
    {
        string paymentId = await services.Charge(new BenchOrder(context.Arguments.OrderId, context.Arguments.Amount), context.CancellationToken);
        return context.CompletedWithVariables(new OrderLog { OrderId = context.Arguments.OrderId }, new { PaymentId = paymentId });
    }

    public async Task<CompensationResult> Compensate(CompensateContext<OrderLog> context)
    {
        await services.Refund(new BenchOrder(context.Log.OrderId, 0m), context.CancellationToken);
        return context.Compensated();
    }
}

/// <summary>Step 3: the notice, with no compensation.</summary>
public sealed class NotifyActivity(NoOpServices services) : IExecuteActivity<OrderArguments>
{
    public async Task<ExecutionResult> Execute(ExecuteContext<OrderArguments> context)
    {
        await services.Notify(new BenchOrder(context.Arguments.OrderId, context.Arguments.Amount), context.CancellationToken);
        return context.Completed();
    }
}

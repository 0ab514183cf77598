using Eventfold;

namespace Shop.Checkout;

public sealed record Checkout(string OrderId, decimal Amount, string? PaymentId = null);

/// <summary>The services a checkout calls, in memory: each prints what it does, and payment can be made to fail.</summary>
public sealed class CheckoutServices
{
    public bool FailShipping { get; set; }

    /// <summary>Ends the process right after the charge, before the saga logs it: a crash at the worst moment.</summary>
    public bool CrashAfterCharge { get; set; }

    public Task ReserveAsync(string orderId) => Say($"stock reserved for {orderId}");

    public Task ReleaseAsync(string orderId) => Say($"stock released for {orderId}");

    public async Task<string> ChargeAsync(string orderId, decimal amount)
    {
        await Say($"charged {amount:0.00} for {orderId}");
        if (CrashAfterCharge)
        {
            Console.WriteLine("    the process dies now, after the charge and before the saga logs it; run the sample again to resume");
            Console.Out.Flush();
            // A crash, not a shutdown: nothing drains, nothing is checkpointed.
            System.Diagnostics.Process.GetCurrentProcess().Kill();
        }

        return "pay-" + orderId;
    }

    public Task RefundAsync(string paymentId) => Say($"refunded {paymentId}");

    public Task ShipAsync(string orderId) =>
        FailShipping ? Task.FromException(new InvalidOperationException($"no courier free for {orderId}")) : Say($"shipped {orderId}");

    private static Task Say(string what)
    {
        // The key a real service would deduplicate on, so a step run twice after a crash takes effect once.
        Console.WriteLine($"    {what}  [key {SagaStepContext.Current?.IdempotencyKey}]");
        return Task.CompletedTask;
    }
}

/// <summary>Stock, payment, shipping: a failure in shipping refunds the payment and releases the stock, in that order.</summary>
[Saga("checkout")]
public sealed partial class CheckoutSaga(CheckoutServices services)
{
    [Step(1, Compensate = nameof(ReleaseStock))]
    private Task ReserveStock(Checkout c, CancellationToken ct) => services.ReserveAsync(c.OrderId);

    private Task ReleaseStock(Checkout c, CancellationToken ct) => services.ReleaseAsync(c.OrderId);

    [Step(2, Compensate = nameof(Refund), Retries = 2)]
    private async Task<Checkout> Charge(Checkout c, CancellationToken ct) => c with { PaymentId = await services.ChargeAsync(c.OrderId, c.Amount) };

    private Task Refund(Checkout c, CancellationToken ct) => services.RefundAsync(c.PaymentId!);

    [Step(3, Retries = 1)]
    private Task Ship(Checkout c, CancellationToken ct) => services.ShipAsync(c.OrderId);
}

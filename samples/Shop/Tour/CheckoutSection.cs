using Eventfold;
using Shop.Checkout;
using static Shop.ShopConsole;

namespace Shop.Tour;

/// <summary>
/// A saga: stock, payment, shipping, persisted as a stream. A failure in shipping undoes the completed steps in
/// reverse order; a crash mid-saga is resumed by the saga host at the next start.
/// </summary>
public sealed class CheckoutSection(SagaCoordinator<CheckoutSaga, Shop.Checkout.Checkout> checkouts, AggregateRepository<Shop.Domain.Order> orders, ShopArguments shop)
{
    public async Task RunAsync(string orderId, CancellationToken ct)
    {
        Heading("A checkout saga: stock, payment, shipping" + (shop.FailCheckout ? ", with shipping made to fail" : " (run with -- --fail-checkout to see it compensate)"));
        Note("a checkout an earlier run left mid-way (run once with -- --crash-checkout) was resumed by the saga host as the service started, at the step after the last one its log holds");
        var order = (await orders.LoadAsync(orderId, ct))!;
        string sagaId = "checkout-" + orderId;
        var outcome = await checkouts.RunAsync(sagaId, new Shop.Checkout.Checkout(orderId, order.Total), ct);
        Note($"the saga ended {outcome.Status}" + (outcome.FailedStep is null ? "" : $": {outcome.FailedStep} failed ({outcome.Error?.Message}), completed steps undone in reverse order"));
        Note($"its log is the stream {SagaCoordinator<CheckoutSaga, Shop.Checkout.Checkout>.StreamOf(sagaId)}; the diagram (Mermaid):");
        foreach (var line in CheckoutSaga.Diagram.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            Note("  " + line);
        }
    }
}

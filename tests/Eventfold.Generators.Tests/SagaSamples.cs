namespace Eventfold.Generators.Tests;

/// <summary>Saga inputs for the generator tests.</summary>
internal static class SagaSamples
{
    /// <summary>The checkout saga of API.md: compensations, a step without one, retries, a timeout, data returned by a step.</summary>
    public const string Checkout = """
        using System.Threading;
        using System.Threading.Tasks;
        using Eventfold;

        namespace Shop.Checkout;

        public sealed record Checkout(string OrderId, decimal Amount, string? PaymentId = null);

        public interface IInventory { Task ReserveAsync(string orderId, CancellationToken ct); Task ReleaseAsync(string orderId, CancellationToken ct); }
        public interface IPayments { Task<string> ChargeAsync(decimal amount, CancellationToken ct); Task RefundAsync(string paymentId, CancellationToken ct); }
        public interface IShipping { Task ShipAsync(string orderId, CancellationToken ct); }

        [Saga("checkout")]
        public sealed partial class CheckoutSaga(IInventory inventory, IPayments payments, IShipping shipping)
        {
            [Step(1, Compensate = nameof(ReleaseStock))]
            private Task ReserveStock(Checkout c, CancellationToken ct) => inventory.ReserveAsync(c.OrderId, ct);
            private Task ReleaseStock(Checkout c, CancellationToken ct) => inventory.ReleaseAsync(c.OrderId, ct);

            [Step(2, Compensate = nameof(Refund), Retries = 3, TimeoutSeconds = 30)]
            private async Task<Checkout> Charge(Checkout c, CancellationToken ct) => c with { PaymentId = await payments.ChargeAsync(c.Amount, ct) };
            private Task Refund(Checkout c, CancellationToken ct) => payments.RefundAsync(c.PaymentId!, ct);

            [Step(3)]
            private Task Ship(Checkout c, CancellationToken ct) => shipping.ShipAsync(c.OrderId, ct);
        }
        """;

    /// <summary>A saga nested in a class of the global namespace, started by an event, with a step that has no compensation between two that do.</summary>
    public const string StartedByEvent = """
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;
        using Eventfold;

        [Event("SgOrderPlaced")] public sealed record SgOrderPlaced(string OrderId, decimal Total);

        public sealed record Fulfilment(string OrderId, int Done = 0);

        public static partial class Workflows
        {
            [Saga("fulfilment", StartedBy = typeof(SgOrderPlaced))]
            public sealed partial class FulfilmentSaga(List<string> log)
            {
                private static Fulfilment Start(SgOrderPlaced e) => new(e.OrderId);

                [Step(10, Compensate = nameof(Unpick))]
                private Task<Fulfilment> Pick(Fulfilment f, CancellationToken ct) { log.Add("pick"); return Task.FromResult(f with { Done = f.Done + 1 }); }
                private Task Unpick(Fulfilment f, CancellationToken ct) { log.Add("unpick:" + f.Done); return Task.CompletedTask; }

                [Step(20), NoCompensation("a label is harmless")]
                private Task Label(Fulfilment f, CancellationToken ct) { log.Add("label:" + f.Done); return Task.CompletedTask; }

                [Step(30, Compensate = nameof(Unpack))]
                private async Task<Fulfilment> Pack(Fulfilment f, CancellationToken ct) { await Task.Yield(); log.Add("pack"); return f with { Done = f.Done + 1 }; }
                private Task Unpack(Fulfilment f, CancellationToken ct) { log.Add("unpack:" + f.Done); return Task.CompletedTask; }

                [Step(40)]
                private Task Dispatch(Fulfilment f, CancellationToken ct) { log.Add("dispatch:" + f.Done); return f.OrderId == "fail" ? Task.FromException(new System.InvalidOperationException("no van")) : Task.CompletedTask; }
            }
        }
        """;
}

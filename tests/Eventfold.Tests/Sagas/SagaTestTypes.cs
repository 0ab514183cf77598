using System.Collections.Concurrent;

namespace Eventfold.Tests.Sagas;

public sealed record TestOrder(string OrderId, decimal Amount, string? PaymentId = null, string? ShipmentId = null);

/// <summary>
/// The services the test saga calls. Every call is recorded with the step context's idempotency key, and a
/// side effect is applied once per key (as a well-behaved service deduplicates). Failures are injected per method.
/// </summary>
public sealed class SagaLedger
{
    private readonly ConcurrentDictionary<string, int> _failuresLeft = new();
    private readonly ConcurrentDictionary<string, Func<Exception>> _failure = new();
    private readonly ConcurrentDictionary<string, bool> _hang = new();

    /// <summary>Every call, in order: "Method:orderId".</summary>
    public ConcurrentQueue<string> Calls { get; } = new();

    /// <summary>The data each call received, by method.</summary>
    public ConcurrentDictionary<string, TestOrder> Received { get; } = new();

    /// <summary>Each call's step context, in order.</summary>
    public ConcurrentQueue<SagaStepContext?> Contexts { get; } = new();

    /// <summary>Side effects applied, by idempotency key: each should be 1.</summary>
    public ConcurrentDictionary<string, int> Applied { get; } = new();

    public void Fail(string method, int times, Func<Exception>? error = null)
    {
        _failuresLeft[method] = times;
        _failure[method] = error ?? (() => new InvalidOperationException(method + " is down"));
    }

    public void Hang(string method) => _hang[method] = true;

    public void StopHanging(string method) => _hang.TryRemove(method, out _);

    public int CountOf(string method, string orderId) => Calls.Count(c => c == method + ":" + orderId);

    public string[] CallsOf(string orderId) => [.. Calls.Where(c => c.EndsWith(":" + orderId, StringComparison.Ordinal)).Select(c => c[..c.IndexOf(':')])];

    public async Task Do(string method, TestOrder order, CancellationToken ct)
    {
        Calls.Enqueue(method + ":" + order.OrderId);
        Received[method + ":" + order.OrderId] = order;
        Contexts.Enqueue(SagaStepContext.Current);
        await Task.Yield();
        if (_hang.ContainsKey(method))
        {
            await Task.Delay(Timeout.Infinite, ct);
        }

        if (_failuresLeft.TryGetValue(method, out int left) && left > 0)
        {
            _failuresLeft[method] = left - 1;
            throw _failure[method]();
        }

        if (SagaStepContext.Current is { } context)
        {
            Applied.AddOrUpdate(context.IdempotencyKey, 1, (_, n) => n);
        }
    }
}

[Saga("test-checkout")]
public sealed partial class TestCheckoutSaga(SagaLedger ledger)
{
    [Step(1, Compensate = nameof(ReleaseStock))]
    private Task ReserveStock(TestOrder o, CancellationToken ct) => ledger.Do(nameof(ReserveStock), o, ct);

    private Task ReleaseStock(TestOrder o, CancellationToken ct) => ledger.Do(nameof(ReleaseStock), o, ct);

    [Step(2, Compensate = nameof(Refund), Retries = 2)]
    private async Task<TestOrder> Charge(TestOrder o, CancellationToken ct)
    {
        await ledger.Do(nameof(Charge), o, ct);
        return o with { PaymentId = "pay-" + o.OrderId };
    }

    private Task Refund(TestOrder o, CancellationToken ct) => ledger.Do(nameof(Refund), o, ct);

    [Step(3), NoCompensation("a sent e-mail cannot be unsent")]
    private Task Notify(TestOrder o, CancellationToken ct) => ledger.Do(nameof(Notify), o, ct);

    [Step(4, TimeoutSeconds = 1)]
    private async Task<TestOrder> Ship(TestOrder o, CancellationToken ct)
    {
        await ledger.Do(nameof(Ship), o, ct);
        return o with { ShipmentId = "ship-" + o.OrderId };
    }
}

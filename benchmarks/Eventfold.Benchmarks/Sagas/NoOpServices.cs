namespace Eventfold.Benchmarks.Sagas;

/// <summary>
/// The three services a checkout calls, each a trivial async no-op: it yields once, so every call really
/// completes asynchronously (as a network call would) without doing work that would hide the caller's cost.
/// </summary>
public sealed class NoOpServices
{
    public async Task ReserveStock(BenchOrder order, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        await Task.Yield();
    }

    public async Task<string> Charge(BenchOrder order, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        await Task.Yield();
        return "pay-" + order.OrderId;
    }

    public async Task Notify(BenchOrder order, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        await Task.Yield();
    }

    /// <summary>Undoes <see cref="ReserveStock"/>; never called in the benchmark, where no step fails.</summary>
    public Task ReleaseStock(BenchOrder order, CancellationToken ct) => Task.CompletedTask;

    /// <summary>Undoes <see cref="Charge"/>; never called in the benchmark, where no step fails.</summary>
    public Task Refund(BenchOrder order, CancellationToken ct) => Task.CompletedTask;
}

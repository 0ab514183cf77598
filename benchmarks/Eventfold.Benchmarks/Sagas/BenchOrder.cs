namespace Eventfold.Benchmarks.Sagas;

/// <summary>The data the benchmark saga carries from step to step.</summary>
public sealed record BenchOrder(string OrderId, decimal Amount, string? PaymentId = null);

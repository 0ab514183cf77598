namespace Eventfold.Benchmarks.Sagas;

/// <summary>Three steps, each one call to <see cref="NoOpServices"/>; the second returns the data with its payment id.</summary>
[Saga("bench-checkout")]
public sealed partial class ThreeStepSaga(NoOpServices services)
{
    [Step(1, Compensate = nameof(ReleaseStock))]
    private Task ReserveStock(BenchOrder o, CancellationToken ct) => services.ReserveStock(o, ct);

    private Task ReleaseStock(BenchOrder o, CancellationToken ct) => services.ReleaseStock(o, ct);

    [Step(2, Compensate = nameof(Refund))]
    private async Task<BenchOrder> Charge(BenchOrder o, CancellationToken ct) => o with { PaymentId = await services.Charge(o, ct) };

    private Task Refund(BenchOrder o, CancellationToken ct) => services.Refund(o, ct);

    [Step(3), NoCompensation("a sent e-mail cannot be unsent")]
    private Task Notify(BenchOrder o, CancellationToken ct) => services.Notify(o, ct);
}

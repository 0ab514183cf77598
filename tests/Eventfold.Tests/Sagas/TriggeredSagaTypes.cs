namespace Eventfold.Tests.Sagas;

[Event("saga-test.order-placed")] public sealed record SagaOrderPlaced(string OrderId, decimal Amount);

[Event("saga-test.order-noted")] public sealed record SagaOrderNoted(string OrderId);

/// <summary>A saga that every <see cref="SagaOrderPlaced"/> starts; its services come from the container.</summary>
[Saga("test-fulfil", StartedBy = typeof(SagaOrderPlaced))]
public sealed partial class TestFulfilSaga(SagaLedger ledger)
{
    private static TestOrder Start(SagaOrderPlaced e) => new(e.OrderId, e.Amount);

    [Step(1, Compensate = nameof(Release))]
    private Task Reserve(TestOrder o, CancellationToken ct) => ledger.Do(nameof(Reserve), o, ct);

    private Task Release(TestOrder o, CancellationToken ct) => ledger.Do(nameof(Release), o, ct);

    [Step(2)]
    private Task Ship(TestOrder o, CancellationToken ct) => ledger.Do(nameof(Ship), o, ct);
}

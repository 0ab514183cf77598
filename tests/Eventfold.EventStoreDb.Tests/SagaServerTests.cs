using System.Collections.Concurrent;
using System.Text.Json;

namespace Eventfold.EventStoreDb.Tests;

public sealed record EsdbCheckout(string OrderId, bool FailShip = false, string? PaymentId = null);

/// <summary>Side effects by idempotency key, as services that deduplicate would keep them; and every call made.</summary>
public sealed class EsdbSagaEffects
{
    public ConcurrentDictionary<string, int> Applied { get; } = new();

    public ConcurrentQueue<string> Calls { get; } = new();

    public async Task Do(string method, EsdbCheckout c)
    {
        Calls.Enqueue($"{method}:{c.OrderId}");
        await Task.Yield();
        if (method == "Ship" && c.FailShip)
        {
            throw new InvalidOperationException($"no carrier for {c.OrderId}");
        }

        Applied.AddOrUpdate(SagaStepContext.Current!.IdempotencyKey, 1, (_, n) => n);
    }
}

[Saga("esdb-checkout")]
public sealed partial class EsdbCheckoutSaga(EsdbSagaEffects effects)
{
    [Step(1, Compensate = nameof(Release))]
    private Task Reserve(EsdbCheckout c, CancellationToken ct) => effects.Do(nameof(Reserve), c);

    private Task Release(EsdbCheckout c, CancellationToken ct) => effects.Do(nameof(Release), c);

    [Step(2, Compensate = nameof(Refund))]
    private async Task<EsdbCheckout> Charge(EsdbCheckout c, CancellationToken ct)
    {
        await effects.Do(nameof(Charge), c);
        return c with { PaymentId = "pay-" + c.OrderId };
    }

    private Task Refund(EsdbCheckout c, CancellationToken ct) => effects.Do(nameof(Refund), c);

    [Step(3)]
    private Task Ship(EsdbCheckout c, CancellationToken ct) => effects.Do(nameof(Ship), c);
}

[Event("esdbsaga.order-placed")] public sealed record EsdbSagaOrderPlaced(string OrderId);

[Saga("esdb-fulfil", StartedBy = typeof(EsdbSagaOrderPlaced))]
public sealed partial class EsdbFulfilSaga(EsdbSagaEffects effects)
{
    private static EsdbCheckout Start(EsdbSagaOrderPlaced e) => new(e.OrderId);

    [Step(1, Compensate = nameof(Release))]
    private Task Reserve(EsdbCheckout c, CancellationToken ct) => effects.Do(nameof(Reserve), c);

    private Task Release(EsdbCheckout c, CancellationToken ct) => effects.Do(nameof(Release), c);

    [Step(2)]
    private Task Ship(EsdbCheckout c, CancellationToken ct) => effects.Do(nameof(Ship), c);
}

/// <summary>Sagas on a real EventStoreDB: logs in server streams, compensation, and two coordinators on two connections recovering the same sagas. Skipped without EVENTFOLD_ESDB.</summary>
public sealed class SagaServerTests
{
    private static readonly SagaCoordinatorOptions Fast = new() { RetryDelay = TimeSpan.FromMilliseconds(1), MaxRetryDelay = TimeSpan.FromMilliseconds(5) };
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    private readonly string _run = Guid.NewGuid().ToString("N")[..8];

    [SkippableFact]
    public async Task A_saga_completes_or_compensates_in_reverse_with_its_log_in_a_server_stream()
    {
        await using var store = new EventStoreDbEventStore(EsdbServer.Require());
        var effects = new EsdbSagaEffects();
        var sagas = new SagaCoordinator<EsdbCheckoutSaga, EsdbCheckout>(store, () => new EsdbCheckoutSaga(effects), Fast);

        var completed = await sagas.RunAsync($"{_run}-ok", new EsdbCheckout($"{_run}-o1"));
        var compensated = await sagas.RunAsync($"{_run}-bad", new EsdbCheckout($"{_run}-o2", FailShip: true));
        var again = await sagas.RunAsync($"{_run}-ok", new EsdbCheckout($"{_run}-o1"));

        Assert.Equal(SagaStatus.Completed, completed.Status);
        Assert.Equal((SagaStatus.Compensated, "Ship"), (compensated.Status, compensated.FailedStep));
        Assert.Equal(SagaStatus.Completed, again.Status);
        Assert.Equal(["Reserve", "Charge", "Ship"], CallsOf(effects, $"{_run}-o1"));
        Assert.Equal(["Reserve", "Charge", "Ship", "Refund", "Release"], CallsOf(effects, $"{_run}-o2"));
        var log = await store.ReadStreamAsync(SagaCoordinator<EsdbCheckoutSaga, EsdbCheckout>.StreamOf($"{_run}-bad")).ToListAsync();
        Assert.Equal(Enumerable.Range(0, log.Count).Select(v => (long)v), log.Select(e => e.Version));
        Assert.IsType<SagaStarted>(log[0].Event);
        Assert.IsType<SagaEnded>(log[^1].Event);
    }

    [SkippableFact]
    public async Task Two_coordinators_on_two_connections_recovering_the_same_sagas_never_both_advance_one()
    {
        const int count = 24;
        await using var seed = new EventStoreDbEventStore(EsdbServer.Require());
        for (int i = 0; i < count; i++)
        {
            var data = JsonSerializer.SerializeToElement(new EsdbCheckout($"{_run}-o{i}", FailShip: i % 4 == 3), Web);
            await seed.AppendAsync(SagaCoordinator<EsdbCheckoutSaga, EsdbCheckout>.StreamOf($"{_run}-{i}"), ExpectedVersion.NoStream, new object[] { new SagaStarted("esdb-checkout", data) });
        }

        var effects = new EsdbSagaEffects();
        await using var storeA = new EventStoreDbEventStore(EsdbServer.Require());
        await using var storeB = new EventStoreDbEventStore(EsdbServer.Require());
        var a = new SagaCoordinator<EsdbCheckoutSaga, EsdbCheckout>(storeA, () => new EsdbCheckoutSaga(effects), Fast);
        var b = new SagaCoordinator<EsdbCheckoutSaga, EsdbCheckout>(storeB, () => new EsdbCheckoutSaga(effects), Fast);

        await Task.WhenAll(Task.Run(() => a.RecoverAsync()), Task.Run(() => b.RecoverAsync()));

        var expectedKeys = new List<string>();
        for (int i = 0; i < count; i++)
        {
            string id = $"{_run}-{i}";
            bool fails = i % 4 == 3;
            var history = (await a.GetHistoryAsync(id))!;
            Assert.Equal(fails ? SagaPhase.Compensated : SagaPhase.Completed, history.State.Phase);
            // One append per transition: versions in a row, every step and compensation logged once.
            Assert.Equal(Enumerable.Range(0, history.Log.Count).Select(v => (long)v), history.Log.Select(e => e.Version));
            var steps = history.Log.Select(e => e.Event).OfType<SagaStepCompleted>().Select(s => s.Name).ToArray();
            var compensations = history.Log.Select(e => e.Event).OfType<SagaCompensationCompleted>().Select(s => s.Name).ToArray();
            Assert.Equal(fails ? ["Reserve", "Charge"] : ["Reserve", "Charge", "Ship"], steps);
            Assert.Equal(fails ? ["Refund", "Release"] : [], compensations);
            Assert.Single(history.Log, e => e.Event is SagaEnded);
            expectedKeys.AddRange(steps.Select(s => SagaStepContext.KeyFor("esdb-checkout", id, s, isCompensation: false)));
            expectedKeys.AddRange(compensations.Select(s => SagaStepContext.KeyFor("esdb-checkout", id, s, isCompensation: true)));
        }

        // Each side effect applied once by its key, whichever coordinator ran it (a loser may have called it too).
        Assert.Equal(expectedKeys.Order(), effects.Applied.Keys.Where(k => k.Contains(_run, StringComparison.Ordinal)).Order());
        Assert.All(effects.Applied.Values, n => Assert.Equal(1, n));
    }

    [SkippableFact]
    public async Task Each_triggering_event_starts_exactly_one_saga_also_when_a_second_runner_catches_up_again()
    {
        await using var store = new EventStoreDbEventStore(EsdbServer.Require());
        var effects = new EsdbSagaEffects();
        for (int i = 0; i < 6; i++)
        {
            await store.AppendAsync($"esdbsagaorder-{_run}-{i}", ExpectedVersion.NoStream, new object[] { new EsdbSagaOrderPlaced($"{_run}-o{i}") });
        }

        var first = new SagaRunner<EsdbFulfilSaga, EsdbCheckout>(store, new SagaCoordinator<EsdbFulfilSaga, EsdbCheckout>(store, () => new EsdbFulfilSaga(effects), Fast));
        await first.CatchUpAsync();
        await using var other = new EventStoreDbEventStore(EsdbServer.Require());
        var second = new SagaRunner<EsdbFulfilSaga, EsdbCheckout>(other, new SagaCoordinator<EsdbFulfilSaga, EsdbCheckout>(other, () => new EsdbFulfilSaga(effects), Fast));
        await second.CatchUpAsync();

        for (int i = 0; i < 6; i++)
        {
            var trigger = (await store.ReadStreamAsync($"esdbsagaorder-{_run}-{i}").ToListAsync())[0];
            var result = await first.Coordinator.GetResultAsync(SagaRunner<EsdbFulfilSaga, EsdbCheckout>.SagaIdFor(trigger));
            Assert.Equal(SagaStatus.Completed, result?.Status);
            Assert.Equal(["Reserve", "Ship"], CallsOf(effects, $"{_run}-o{i}"));
        }
    }

    private static string[] CallsOf(EsdbSagaEffects effects, string orderId) =>
        [.. effects.Calls.Where(c => c.EndsWith(":" + orderId, StringComparison.Ordinal)).Select(c => c[..c.IndexOf(':')])];
}

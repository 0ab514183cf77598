using Eventfold.StoreConformance;
using Eventfold.Tests.Dispatching;
using Eventfold.Tests.Sagas;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Eventfold.Tests.Hosting;

public sealed class AddSagaTests
{
    private static readonly SagaCoordinatorOptions Fast = new() { RetryDelay = TimeSpan.FromMilliseconds(1), MaxRetryDelay = TimeSpan.FromMilliseconds(5) };

    [Fact]
    public async Task A_hosted_saga_starts_one_saga_per_triggering_event_with_its_services_from_the_container()
    {
        var store = new InMemoryEventStore();
        var ledger = new SagaLedger();
        await store.AppendAsync("order-1", ExpectedVersion.NoStream, [EventData.From(new SagaOrderPlaced("o-1", 1m))]);

        using (var host = BuildHost(store, ledger))
        {
            await host.StartAsync();
            await store.AppendAsync("order-2", ExpectedVersion.NoStream, [EventData.From(new SagaOrderPlaced("o-2", 2m))]);
            var coordinator = host.Services.GetRequiredService<SagaCoordinator<TestFulfilSaga, TestOrder>>();
            await Eventually.True(() => coordinator.GetResultAsync("order-2@0").Result is not null, "the live trigger's saga ended");
            await host.StopAsync();
            Assert.Same(coordinator, host.Services.GetRequiredService<SagaRunner<TestFulfilSaga, TestOrder>>().Coordinator);
        }

        // A second start of the service (the same store) starts nothing again.
        using (var host = BuildHost(store, ledger))
        {
            await host.StartAsync();
            await store.AppendAsync("order-3", ExpectedVersion.NoStream, [EventData.From(new SagaOrderPlaced("o-3", 3m))]);
            var coordinator = host.Services.GetRequiredService<SagaCoordinator<TestFulfilSaga, TestOrder>>();
            await Eventually.True(() => coordinator.GetResultAsync("order-3@0").Result is not null, "the new trigger's saga ended");
            await host.StopAsync();
        }

        foreach (var order in new[] { "o-1", "o-2", "o-3" })
        {
            Assert.Equal(["Reserve", "Ship"], ledger.CallsOf(order));
        }

        // Past the last trigger (position 11: three triggers, each followed by its saga's four log entries).
        Assert.True(await store.GetCheckpointAsync(SagaRunner<TestFulfilSaga, TestOrder>.CheckpointName) >= GlobalPosition.FromSequence(11));
    }

    [Fact]
    public async Task A_hosted_saga_resumes_an_unfinished_saga_when_the_host_starts()
    {
        var store = new InMemoryEventStore();
        var ledger = new SagaLedger();
        ledger.Hang("Ship");
        var crashed = new SagaCoordinator<TestFulfilSaga, TestOrder>(store, () => new TestFulfilSaga(ledger), Fast);
        using (var cts = new CancellationTokenSource())
        {
            var run = crashed.RunAsync("manual-1", new TestOrder("o-1", 1m), cts.Token);
            await Eventually.True(() => ledger.CountOf("Ship", "o-1") == 1, "the saga is in its last step");
            await cts.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
        }

        ledger.StopHanging("Ship");
        using var host = BuildHost(store, ledger);
        await host.StartAsync();
        var coordinator = host.Services.GetRequiredService<SagaCoordinator<TestFulfilSaga, TestOrder>>();
        await Eventually.True(() => coordinator.GetResultAsync("manual-1").Result is not null, "the unfinished saga ended");
        await host.StopAsync();

        Assert.Equal(SagaStatus.Completed, (await coordinator.GetResultAsync("manual-1"))!.Status);
    }

    private static IHost BuildHost(IEventStore store, SagaLedger ledger)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddSingleton(ledger);
        builder.Services.AddEventfold(o => o.UseStore(_ => new KeptOpenStore(store))).AddSaga<TestFulfilSaga, TestOrder>(Fast).AddSaga<TestFulfilSaga, TestOrder>(Fast);
        return builder.Build();
    }

    /// <summary>The test's store, outliving each host that uses it (a restart of the service, not of the store).</summary>
    private sealed class KeptOpenStore(IEventStore inner) : DelegatingEventStore(inner)
    {
        public override ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}

using Eventfold.Tests.Aggregates;

namespace Eventfold.Tests.Sagas;

/// <summary>A saga carries the correlation of what started it, and names it as the cause, on all it writes.</summary>
public sealed class SagaMetadataTests
{
    private static readonly SagaCoordinatorOptions Fast = new() { RetryDelay = TimeSpan.FromMilliseconds(1), MaxRetryDelay = TimeSpan.FromMilliseconds(5) };

    private readonly InMemoryEventStore _store = new();
    private readonly SagaLedger _ledger = new();

    [Fact]
    public async Task A_triggered_saga_logs_and_runs_its_steps_with_the_triggers_correlation_and_id_as_cause()
    {
        var trigger = new EventData(new SagaOrderPlaced("o-1", 5m), Guid.NewGuid(), new EventMetadata { CorrelationId = "conv-7" });
        await _store.AppendAsync("order-1", ExpectedVersion.NoStream, [trigger]);
        var coordinator = new SagaCoordinator<TestFulfilSaga, TestOrder>(_store, () => new TestFulfilSaga(_ledger), Fast);

        await new SagaRunner<TestFulfilSaga, TestOrder>(_store, coordinator).CatchUpAsync();

        var log = await _store.ReadStreamAsync(SagaCoordinator<TestFulfilSaga, TestOrder>.StreamOf("order-1@0")).ToListAsync();
        Assert.True(log.Count >= 3);
        Assert.All(log, e => Assert.Equal(("conv-7", trigger.EventId.ToString()), (e.Metadata.CorrelationId, e.Metadata.CausationId)));
        Assert.NotEmpty(_ledger.Contexts);
        Assert.All(_ledger.Contexts, c => Assert.Equal(("conv-7", trigger.EventId.ToString()), (c!.Metadata.CorrelationId, c.Metadata.CausationId)));
    }

    [Fact]
    public async Task A_save_inside_a_saga_step_without_metadata_is_correlated_with_and_caused_by_the_sagas_trigger()
    {
        var accounts = new AggregateRepository<Account>(_store);
        var trigger = new EventData(new SagaOrderPlaced("o-2", 5m), Guid.NewGuid(), EventMetadata.Empty);
        await _store.AppendAsync("order-2", ExpectedVersion.NoStream, [trigger]);
        var coordinator = new SagaCoordinator<TestFulfilSaga, TestOrder>(_store, () => new TestFulfilSaga(_ledger), Fast);
        await new SagaRunner<TestFulfilSaga, TestOrder>(_store, coordinator).CatchUpAsync();

        // As a step would: the ambient step context of the saga's metadata is what the repository reads.
        SagaStepContext.Current = _ledger.Contexts.Last();
        try
        {
            var account = accounts.Create("a-1");
            account.Open("ada");
            await accounts.SaveAsync(account);
        }
        finally
        {
            SagaStepContext.Current = null;
        }

        var saved = Assert.Single(await _store.ReadStreamAsync(AggregateRepository<Account>.StreamFor("a-1")).ToListAsync());
        // A trigger without a correlation starts one: its own id.
        Assert.Equal((trigger.EventId.ToString(), trigger.EventId.ToString()), (saved.Metadata.CorrelationId, saved.Metadata.CausationId));
    }
}

using Eventfold.Generators.Tests.Infrastructure;

namespace Eventfold.Generators.Tests;

/// <summary>Generated code compared with the baselines in Baselines/; each case also compiles cleanly.</summary>
public sealed class SnapshotTests
{
    [Fact]
    public void Aggregate_in_a_namespace_with_snapshots_and_upcasters() =>
        VerifyCase("OrderInNamespace", Samples.OrderEvents, Samples.Order);

    [Fact]
    public void Aggregate_with_snapshots_of_fields_properties_and_collections() =>
        VerifyCase("LedgerWithSnapshots", Samples.Ledger);

    [Fact]
    public void Aggregate_in_the_global_namespace() =>
        VerifyCase("CounterInGlobalNamespace", Samples.GlobalCounter);

    [Fact]
    public void Aggregate_nested_with_derived_and_interface_events() =>
        VerifyCase("CartNestedWithDerivedEvents", Samples.Cart);

    [Fact]
    public void Registry_with_named_versioned_events_and_upcasters() =>
        VerifyCase("BillingRegistry", Samples.Billing);

    [Fact]
    public void Projection_with_every_On_shape() =>
        VerifyCase("OrderTotalsProjection", Samples.OrderEvents, ProjectionSamples.OrderTotals);

    [Fact]
    public void Projection_nested_in_the_global_namespace_without_handlers() =>
        VerifyCase("NestedEmptyProjection", ProjectionSamples.NestedEmpty);

    [Fact]
    public void Projection_that_declares_parallel_streams() =>
        VerifyCase("ParallelDevicesProjection", ProjectionSamples.ParallelDevices);

    [Fact]
    public void Saga_with_compensations_retries_a_timeout_and_returned_data() =>
        VerifyCase("CheckoutSaga", SagaSamples.Checkout);

    [Fact]
    public void Saga_nested_started_by_an_event_with_a_step_without_compensation() =>
        VerifyCase("FulfilmentSaga", SagaSamples.StartedByEvent);

    [Fact]
    public void Published_state_of_an_aggregate_and_a_replica() =>
        VerifyCase("CustomerPublishesState", StateSamples.Customer);

    [Fact]
    public void Published_state_nested_internal_and_versioned() =>
        VerifyCase("NestedAccountState", StateSamples.NestedAccount);

    [Fact]
    public void Published_state_with_a_typed_upcaster_from_its_older_shape() =>
        VerifyCase("MemberStateUpcast", StateSamples.MemberStateV2);

    [Fact]
    public void Aggregate_above_the_integer_dispatch_threshold() =>
        VerifyCase("WideAggregateIntegerDispatch", IntegerDispatchSamples.Aggregate("Crowd", IntegerDispatchSamples.AggregateSteps));

    [Fact]
    public void Projection_above_the_integer_dispatch_threshold() =>
        VerifyCase("WideProjectionIntegerDispatch", IntegerDispatchSamples.Projection("Crowds", IntegerDispatchSamples.ProjectionSteps));

    private static void VerifyCase(string caseName, params string[] sources)
    {
        var input = GeneratorHarness.Compile(caseName, sources);
        var (generated, output) = GeneratorHarness.Run(input);

        // Every generated file has a baseline, and every baseline of the case was generated.
        var expectedFiles = Directory.GetFiles(Baseline.Directory(), caseName + ".*.g.cs.txt")
            .Select(p => Path.GetFileName(p)[(caseName.Length + 1)..^".txt".Length])
            .Order(StringComparer.Ordinal);
        if (!Baseline.Updating)
        {
            Assert.Equal(expectedFiles, generated.Keys.Order(StringComparer.Ordinal));
        }

        foreach (var (hintName, source) in generated)
        {
            Baseline.Verify($"{caseName}.{hintName}.txt", source);
        }

        Assert.Empty(GeneratorHarness.Problems(output));
    }
}

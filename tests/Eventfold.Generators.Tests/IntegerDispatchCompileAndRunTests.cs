using Eventfold.Generators.Tests.Infrastructure;

namespace Eventfold.Generators.Tests;

/// <summary>
/// Above <see cref="IntegerDispatch.Threshold"/> event types the generated dispatch switches on the
/// event type's number: compiled and run, every event type still reaches its own Apply or On, a
/// subclass or interface implementation reaches the handler the type switch would pick, and a
/// dispatch allocates nothing.
/// </summary>
public sealed class IntegerDispatchCompileAndRunTests
{
    private const string Aggregate = "WideRun.Wide";
    private const string Projection = "WideViewRun.WideView";

    private static readonly Lazy<CompiledSample> LazySample = new(() => CompiledSample.Load(
        "Eventfold.IntegerDispatchSample",
        IntegerDispatchSamples.Aggregate("WideRun", IntegerDispatchSamples.AggregateSteps),
        IntegerDispatchSamples.Projection("WideViewRun", IntegerDispatchSamples.ProjectionSteps)));

    private static CompiledSample Sample => LazySample.Value;

    [Fact]
    public void Above_the_threshold_both_compile_cleanly_with_the_integer_dispatch()
    {
        Assert.Empty(Sample.Problems);
        Assert.Contains("FrozenDictionary<global::System.Type, int> __eventfoldApplyIndex", Sample.Generated["WideRun.Wide.g.cs"]);
        Assert.Contains("FrozenDictionary<global::System.Type, int> __eventfoldOnIndex", Sample.Generated["WideViewRun.WideView.Projection.g.cs"]);
    }

    [Fact]
    public void At_the_threshold_the_type_switch_is_kept()
    {
        var input = GeneratorHarness.Compile(
            "AtThreshold",
            IntegerDispatchSamples.Aggregate("AtAggregate", IntegerDispatchSamples.AggregateSteps - 1),
            IntegerDispatchSamples.Projection("AtProjection", IntegerDispatchSamples.ProjectionSteps - 1));
        var (generated, output) = GeneratorHarness.Run(input);

        Assert.Empty(GeneratorHarness.Problems(output));
        Assert.DoesNotContain("FrozenDictionary", generated["AtAggregate.Wide.g.cs"]);
        Assert.Contains("switch (@event)", generated["AtAggregate.Wide.g.cs"]);
        Assert.DoesNotContain("FrozenDictionary", generated["AtProjection.WideView.Projection.g.cs"]);
        Assert.Contains("switch (recorded.Event)", generated["AtProjection.WideView.Projection.g.cs"]);
    }

    [Fact]
    public void Every_aggregate_event_type_reaches_the_Apply_the_type_switch_would_call()
    {
        var wide = Sample.New(Aggregate);
        var expected = new List<(object Event, string Apply, long Total)>();
        long total = 0;
        for (int i = 0; i < IntegerDispatchSamples.AggregateSteps; i++)
        {
            total += 10 + i;
            expected.Add((Sample.New($"WideRun.Step{i}", 10 + i), $"Step{i}", total));
        }

        expected.Add((Sample.New("WideRun.Adjusted", 1), "Adjusted", total += 1));
        expected.Add((Sample.New("WideRun.Doubled", 2), "Doubled", total += 4));
        // A subclass without an Apply of its own is not in the index: the fallback calls its base's Apply.
        expected.Add((Sample.New("WideRun.Tripled", 3), "Adjusted", total += 3));
        expected.Add((Sample.New("WideRun.Marked", 5), "Marked", total += 5));
        // An interface is never a runtime type: its implementations go through the fallback too.
        expected.Add((Sample.New("WideRun.Noted", "n"), "Noted", total));

        foreach (var (e, apply, sum) in expected)
        {
            CompiledSample.Call(wide, "Record", e);
            Assert.Equal((apply, sum), (CompiledSample.Get<string>(wide, "Last"), CompiledSample.Get<long>(wide, "Total")));
        }

        // An event no Apply takes only moves the version.
        CompiledSample.Call(wide, "Record", Sample.New("WideRun.Ignored", 7));
        Assert.Equal(("Noted", total), (CompiledSample.Get<string>(wide, "Last"), CompiledSample.Get<long>(wide, "Total")));
        Assert.Equal(expected.Count, ((IAggregate)wide).Version);
    }

    [Fact]
    public async Task Every_projection_event_type_reaches_the_On_the_type_switch_would_call()
    {
        var view = (IProjection)Sample.New(Projection);
        var expected = new List<(object Event, string On, long Total)>();
        long total = 0;
        for (int i = 0; i < IntegerDispatchSamples.ProjectionSteps; i++)
        {
            total += 10 + i;
            expected.Add((Sample.New($"WideViewRun.Step{i}", 10 + i), $"Step{i}", total));
        }

        expected.Add((Sample.New("WideViewRun.Adjusted", 1), "Adjusted", total += 1));
        // Doubled derives from Adjusted and has no On: the fallback type switch calls On(Adjusted).
        expected.Add((Sample.New("WideViewRun.Doubled", 2), "Adjusted", total += 2));
        expected.Add((Sample.New("WideViewRun.Marked", 5), "Marked", total += 5));
        expected.Add((Sample.New("WideViewRun.Ignored", 9), "Marked", total));

        for (int v = 0; v < expected.Count; v++)
        {
            await view.DispatchAsync(Recorded(v, expected[v].Event), CancellationToken.None);
            Assert.Equal((expected[v].On, expected[v].Total), (CompiledSample.Get<string>(view, "Last"), CompiledSample.Get<long>(view, "Total")));
        }

        // The context reached On(Adjusted) with the version of the Doubled event, dispatched through the fallback.
        Assert.Equal(IntegerDispatchSamples.ProjectionSteps + 1, CompiledSample.Get<long>(view, "LastVersion"));
    }

    [Fact]
    public void Replaying_through_the_integer_dispatch_allocates_nothing()
    {
        object[] events =
        [
            Sample.New("WideRun.Step0", 1),
            Sample.New("WideRun.Marked", 1),
            Sample.New("WideRun.Tripled", 1),
            Sample.New("WideRun.Noted", "n"),
            Sample.New("WideRun.Ignored", 1),
        ];
        var (allocated, aggregate) = ReplayAllocation.Measure(Sample.Type(Aggregate), events);

        Assert.Equal(0, allocated);
        Assert.Equal(3 * (ReplayAllocation.Replays / events.Length), CompiledSample.Get<long>(aggregate, "Total"));
    }

    [Fact]
    public void A_synchronous_On_through_the_integer_dispatch_allocates_nothing()
    {
        var view = (IProjection)Sample.New(Projection);
        var recorded = new[] { Recorded(0, Sample.New("WideViewRun.Step1", 1)), Recorded(1, Sample.New("WideViewRun.Marked", 1)), Recorded(2, Sample.New("WideViewRun.Doubled", 1)) };
        foreach (var r in recorded)
        {
            Assert.True(view.DispatchAsync(r, CancellationToken.None).IsCompletedSuccessfully);
            _ = r.Event;
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < ReplayAllocation.Replays; i++)
        {
            if (!view.DispatchAsync(recorded[i % recorded.Length], CancellationToken.None).IsCompletedSuccessfully)
            {
                throw new InvalidOperationException("a synchronous On must complete at once");
            }
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        Assert.Equal(3 + ReplayAllocation.Replays, CompiledSample.Get<long>(view, "Total"));
    }

    private static RecordedEvent Recorded(long version, object @event) =>
        new("wide-1", version, GlobalPosition.FromSequence(version + 1), Guid.NewGuid(), @event.GetType().Name, 1, @event, DateTimeOffset.UnixEpoch, EventMetadata.Empty);
}

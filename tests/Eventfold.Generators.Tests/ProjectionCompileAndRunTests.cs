using Eventfold.Generators.Tests.Infrastructure;

namespace Eventfold.Generators.Tests;

/// <summary>The generated projection code compiled, loaded and run against the real runtime core.</summary>
public sealed class ProjectionCompileAndRunTests
{
    private static readonly Lazy<CompiledSample> LazySample = new(() => CompiledSample.Load(
        "Eventfold.ProjectionSample",
        Samples.OrderEvents.Replace("namespace Shop.Orders;", "namespace ProjectionRun;").Replace("\"OrderPlaced\"", "\"PrOrderPlaced\"").Replace("\"Shipped\"", "\"PrShipped\""),
        ProjectionSamples.OrderTotals.Replace("namespace Shop.Orders;", "namespace ProjectionRun;").Replace("[Event] public sealed record OrderCancelled", "[Event(\"PrOrderCancelled\")] public sealed record OrderCancelled")
            .Replace("\"order.noted\"", "\"pr.order.noted\"").Replace("[Event] public sealed record OrderRated", "[Event(\"PrOrderRated\")] public sealed record OrderRated")));

    private static CompiledSample Sample => LazySample.Value;

    [Fact]
    public void Sample_compiles_without_errors_or_warnings()
    {
        Assert.Contains("ProjectionRun.OrderTotals.Projection.g.cs", Sample.Generated.Keys);
        Assert.Empty(Sample.Problems);
    }

    [Fact]
    public void Name_and_handled_event_names_are_the_attribute_name_and_the_stored_names()
    {
        var type = Sample.Type("ProjectionRun.OrderTotals");
        var (name, names) = ((string, IReadOnlyList<string>))typeof(ProjectionCompileAndRunTests)
            .GetMethod(nameof(Statics), System.Reflection.BindingFlags.Static | System.Reflection.BindingFlags.NonPublic)!
            .MakeGenericMethod(type).Invoke(null, null)!;

        Assert.Equal("order-totals", name);
        // The [Event] name where one is given, the type name otherwise; OrderPlaced's name, not its CLR type's.
        Assert.Equal(["PrOrderCancelled", "PrOrderPlaced", "PrOrderRated", "PrShipped", "pr.order.noted"], names);
    }

    [Fact]
    public async Task Dispatch_calls_each_On_shape_with_the_event_context_and_token()
    {
        var projection = (IProjection)Sample.New("ProjectionRun.OrderTotals");

        await projection.DispatchAsync(Recorded("order-1", 0, Sample.New("ProjectionRun.OrderPlaced", "1", "c-7", 42m)), CancellationToken.None);
        await projection.DispatchAsync(Recorded("order-1", 1, Sample.New("ProjectionRun.OrderPlaced", "1", "c-7", 8m)), CancellationToken.None);
        await projection.DispatchAsync(Recorded("order-1", 2, Sample.New("ProjectionRun.OrderShipped", "1", "ups")), CancellationToken.None);
        await projection.DispatchAsync(Recorded("order-1", 3, Sample.New("ProjectionRun.OrderCancelled", "1")), CancellationToken.None);
        await projection.DispatchAsync(Recorded("order-1", 4, Sample.New("ProjectionRun.OrderNoted", "1", "hi")), CancellationToken.None);
        await projection.DispatchAsync(Recorded("order-1", 5, Sample.New("ProjectionRun.OrderRated", "1", 5)), CancellationToken.None);
        // An event no On takes (an older version's type) is ignored.
        await projection.DispatchAsync(Recorded("order-1", 6, Sample.New("ProjectionRun.OrderPlacedV1", "1", 1m)), CancellationToken.None);

        Assert.Equal(50m, CompiledSample.Get<Dictionary<string, decimal>>(projection, "ByCustomer")["c-7"]);
        Assert.Equal(["shipped@order-1", "cancelled", "noted:4", "rated"], CompiledSample.Get<List<string>>(projection, "Seen"));
    }

    [Fact]
    public void A_synchronous_On_is_dispatched_without_allocating()
    {
        var projection = (IProjection)Sample.New("ProjectionRun.OrderTotals");
        var placed = Recorded("order-1", 0, Sample.New("ProjectionRun.OrderPlaced", "1", "c-7", 1m));
        Assert.True(projection.DispatchAsync(placed, CancellationToken.None).IsCompletedSuccessfully);

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 10_000; i++)
        {
            var pending = projection.DispatchAsync(placed, CancellationToken.None);
            if (!pending.IsCompletedSuccessfully)
            {
                throw new InvalidOperationException("a synchronous On must complete at once");
            }
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        Assert.Equal(10_001m, CompiledSample.Get<Dictionary<string, decimal>>(projection, "ByCustomer")["c-7"]);
    }

    [Fact]
    public void ParallelStreams_is_1_unless_the_projection_declares_it()
    {
        var parallel = CompiledSample.Load("Eventfold.ParallelProjectionSample", ProjectionSamples.ParallelDevices.Replace("namespace Telemetry;", "namespace ParallelRun;").Replace("\"device.reading\"", "\"pr.device.reading\""));
        Assert.Empty(parallel.Problems);

        Assert.Equal(4, ParallelStreamsOf(parallel.Type("ParallelRun.DeviceTotals")));
        Assert.Equal(1, ParallelStreamsOf(Sample.Type("ProjectionRun.OrderTotals")));
    }

    private static int ParallelStreamsOf(Type projection) => (int)typeof(ProjectionCompileAndRunTests)
        .GetMethod(nameof(DeclaredParallelStreams), System.Reflection.BindingFlags.Static | System.Reflection.BindingFlags.NonPublic)!
        .MakeGenericMethod(projection).Invoke(null, null)!;

    private static int DeclaredParallelStreams<T>()
        where T : IProjection => T.ParallelStreams;

    private static (string, IReadOnlyList<string>) Statics<T>()
        where T : IProjection => (T.ProjectionName, T.HandledEventNames);

    private static RecordedEvent Recorded(string stream, long version, object @event) =>
        new(stream, version, GlobalPosition.FromSequence(version + 1), Guid.NewGuid(), @event.GetType().Name, 1, @event, DateTimeOffset.UnixEpoch, EventMetadata.Empty);
}

using Eventfold.Generators.Tests.Infrastructure;

namespace Eventfold.Generators.Tests;

/// <summary>The generated dispatch is a type switch with direct calls: replaying allocates nothing.</summary>
public sealed class AllocationTests
{
    [Fact]
    public void Replaying_events_through_the_generated_dispatch_allocates_nothing()
    {
        var sample = CompiledSample.Shared;
        object[] events =
        [
            sample.New("RunSample.OrderPlaced", "o-1", "c-1", 10m),
            sample.New("RunSample.LineAdded", "sku-1", 2m),
            sample.New("RunSample.PromotionalLineAdded", "sku-2", 3m, 1m),
            sample.New("RunSample.OrderShipped", "o-1", "ups"),
            sample.New("RunSample.NoteAdded", "no Apply for this one"),
        ];
        var (allocated, aggregate) = ReplayAllocation.Measure(sample.Type("RunSample.Order"), events);

        Assert.Equal(0, allocated);
        // The loop really dispatched: 2000 rounds of one line plus one promotional line (net 2).
        Assert.Equal(ReplayAllocation.Replays - 1, ((IAggregate)aggregate).Version);
        Assert.Equal(2 * (ReplayAllocation.Replays / events.Length), CompiledSample.Get<int>(aggregate, "Lines"));
    }
}

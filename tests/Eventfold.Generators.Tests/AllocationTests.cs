using System.Reflection;
using Eventfold.Generators.Tests.Infrastructure;

namespace Eventfold.Generators.Tests;

/// <summary>The generated dispatch is a type switch with direct calls: replaying allocates nothing.</summary>
public sealed class AllocationTests
{
    private const int Replays = 10_000;

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
        var measure = typeof(AllocationTests).GetMethod(nameof(MeasureReplay), BindingFlags.Static | BindingFlags.NonPublic)!
            .MakeGenericMethod(sample.Type("RunSample.Order"));

        var (allocated, aggregate) = ((long, object))measure.Invoke(null, [events])!;

        Assert.Equal(0, allocated);
        // The loop really dispatched: 2000 rounds of one line plus one promotional line (net 2).
        Assert.Equal(Replays - 1, ((IAggregate)aggregate).Version);
        Assert.Equal(2 * (Replays / events.Length), CompiledSample.Get<int>(aggregate, "Lines"));
    }

    private static (long Allocated, object Aggregate) MeasureReplay<T>(object[] events)
        where T : class, IEventSourced<T>
    {
        T warmUp = T.Create("warm-up");
        Replay(warmUp, events);

        T aggregate = T.Create("measured");
        long before = GC.GetAllocatedBytesForCurrentThread();
        Replay(aggregate, events);
        long after = GC.GetAllocatedBytesForCurrentThread();
        return (after - before, aggregate);
    }

    private static void Replay<T>(T aggregate, object[] events)
        where T : class, IEventSourced<T>
    {
        for (int i = 0; i < Replays; i++)
        {
            aggregate.ReplayEvent(events[i % events.Length], i);
        }
    }
}

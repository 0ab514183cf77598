using System.Reflection;

namespace Eventfold.Generators.Tests.Infrastructure;

/// <summary>
/// Bytes allocated while a compiled sample's aggregate replays events through its generated dispatch: one warm-up
/// pass on another instance first, so JIT and first-use allocations are not counted.
/// </summary>
internal static class ReplayAllocation
{
    public const int Replays = 10_000;

    /// <summary>Replays <see cref="Replays"/> events, cycling through <paramref name="events"/>, into a new <paramref name="aggregateType"/>.</summary>
    public static (long Allocated, object Aggregate) Measure(Type aggregateType, object[] events)
    {
        var measure = typeof(ReplayAllocation).GetMethod(nameof(MeasureReplay), BindingFlags.Static | BindingFlags.NonPublic)!
            .MakeGenericMethod(aggregateType);
        return ((long, object))measure.Invoke(null, [events])!;
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

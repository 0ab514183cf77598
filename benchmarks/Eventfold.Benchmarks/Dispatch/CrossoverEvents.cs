namespace Eventfold.Benchmarks.Dispatch;

/// <summary>One generated aggregate-like class of <see cref="TypeSwitchCrossoverBenchmarks"/>: N Apply methods, two dispatches.</summary>
internal interface ICrossoverTarget
{
    long Sum { get; }

    long RunTypeSwitch(object[] events);

    long RunIntegerDispatch(object[] events);

    long RunHandleDispatch(object[] events);
}

/// <summary>The event mix and dispatch targets of <see cref="TypeSwitchCrossoverBenchmarks"/>; the types come from the generated half.</summary>
internal static partial class CrossoverEvents
{
    /// <summary>
    /// <paramref name="count"/> distinct events spread evenly over the first <paramref name="types"/>
    /// event types in a fixed shuffled order, so the average event sits in the middle of the switch and
    /// the order cannot be learnt by the branch predictor.
    /// </summary>
    public static object[] Mix(int types, bool @sealed, int count)
    {
        var events = new object[count];
        for (int i = 0; i < count; i++)
        {
            events[i] = @sealed ? MakeSealed(i % types, i) : MakeUnsealed(i % types, i);
        }

        new Random(13).Shuffle(events);
        return events;
    }

    /// <summary>What every Apply together adds for <see cref="Mix"/>: each event's value plus its type's weight (type index + 1).</summary>
    public static long ExpectedSum(int types, int count)
    {
        long sum = 0;
        for (int i = 0; i < count; i++)
        {
            sum += i + (i % types) + 1;
        }

        return sum;
    }

    public static ICrossoverTarget NewTarget(int types, bool @sealed) => Target(types, @sealed);
}

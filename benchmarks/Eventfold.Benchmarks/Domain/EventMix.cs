namespace Eventfold.Benchmarks.Domain;

/// <summary>Builds the event sequences every benchmark replays or stores, the same for every run.</summary>
public static class EventMix
{
    /// <summary>
    /// An account's history of <paramref name="count"/> events: opened first, then the other four types
    /// in a fixed pseudo-random order, so a type switch cannot learn the sequence from a simple pattern.
    /// </summary>
    public static object[] History(int count, int seed = 42)
    {
        var random = new Random(seed);
        var events = new object[count];
        for (int i = 0; i < count; i++)
        {
            events[i] = i == 0 ? new AccountOpened("owner-1", 500) : Next(random, i);
        }

        return events;
    }

    private static object Next(Random random, int i) => random.Next(4) switch
    {
        0 => new Deposited(100 + i % 50),
        1 => new Withdrawn(40 + i % 30),
        2 => new InterestPaid(3, 125),
        _ => new AccountFrozen(i % 2 == 0 ? "review" : "dispute"),
    };
}

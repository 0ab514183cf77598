using BenchmarkDotNet.Attributes;
using Eventfold.Benchmarks.Domain;

namespace Eventfold.Benchmarks.Rehydration;

/// <summary>
/// Rebuilds an account from its history with each dispatch strategy. The events are built once in
/// <see cref="Setup"/>, so a run measures creating the aggregate and dispatching every event to its
/// Apply method, nothing else. Allocation that does not grow with <see cref="Events"/> is the aggregate
/// itself; whatever grows with it is the dispatch's.
/// </summary>
[MemoryDiagnoser]
public partial class RehydrationBenchmarks
{
    private object[] _history = [];

    [Params(10, 1_000, 100_000)]
    public int Events { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _history = EventMix.History(Events);

        // A wrong dispatcher would be fast for the wrong reason: every strategy must reach the same state.
        var expected = AccountSnapshot.Of(ReplayHandWritten(_history));
        AccountSnapshot.Check("cached reflection", expected, AccountSnapshot.Of(ReplayWithReflection(_history)));
        AccountSnapshot.Check("handler dictionary", expected, AccountSnapshot.Of(ReplayWithDictionary(_history)));
        CheckGenerated(expected);
    }

    [Benchmark(Baseline = true, Description = "Hand-written switch")]
    public long HandWrittenSwitch() => ReplayHandWritten(_history).Balance;

    [Benchmark(Description = "Cached reflection")]
    public long CachedReflection() => ReplayWithReflection(_history).Balance;

    [Benchmark(Description = "Dictionary<Type, Action>")]
    public long HandlerDictionary() => ReplayWithDictionary(_history).Balance;

    partial void CheckGenerated(AccountSnapshot expected);

    private static HandWrittenAccount ReplayHandWritten(object[] history)
    {
        var account = new HandWrittenAccount();
        for (int i = 0; i < history.Length; i++)
        {
            account.ReplayEvent(history[i], i);
        }

        return account;
    }

    private static ReflectionAccount ReplayWithReflection(object[] history)
    {
        var account = new ReflectionAccount();
        for (int i = 0; i < history.Length; i++)
        {
            account.ReplayEvent(history[i], i);
        }

        return account;
    }

    private static DictionaryAccount ReplayWithDictionary(object[] history)
    {
        var account = new DictionaryAccount();
        for (int i = 0; i < history.Length; i++)
        {
            account.ReplayEvent(history[i], i);
        }

        return account;
    }
}

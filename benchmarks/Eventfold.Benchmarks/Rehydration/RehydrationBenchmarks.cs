using BenchmarkDotNet.Attributes;
using Eventfold.Benchmarks.Domain;

namespace Eventfold.Benchmarks.Rehydration;

/// <summary>
/// Replays an account's history with each dispatch strategy. The events are built and every aggregate
/// is created in <see cref="Setup"/>, so a run measures only the dispatch of <see cref="Events"/> events
/// to their Apply methods: whatever is allocated is the dispatch's own. (Replaying into the same
/// aggregate again only moves its sums; every Apply does the same work each time.)
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
[MinColumn]
public partial class RehydrationBenchmarks
{
    private object[] _history = [];
    private HandWrittenAccount _handWritten = null!;
    private ReflectionAccount _reflection = null!;
    private DictionaryAccount _dictionary = null!;

    [Params(10, 1_000, 100_000)]
    public int Events { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _history = EventMix.History(Events);

        // A wrong dispatcher would be fast for the wrong reason: every strategy must rebuild the same account.
        var expected = AccountSnapshot.Of(Replay(new HandWrittenAccount(), _history));
        AccountSnapshot.Check("cached reflection", expected, AccountSnapshot.Of(Replay(new ReflectionAccount(), _history)));
        AccountSnapshot.Check("handler dictionary", expected, AccountSnapshot.Of(Replay(new DictionaryAccount(), _history)));
        SetupGenerated(expected);

        _handWritten = new HandWrittenAccount();
        _reflection = new ReflectionAccount();
        _dictionary = new DictionaryAccount();
    }

    [Benchmark(Baseline = true, Description = "Hand-written switch")]
    public long HandWrittenSwitch() => Replay(_handWritten, _history).Balance;

    [Benchmark(Description = "Cached reflection")]
    public long CachedReflection() => Replay(_reflection, _history).Balance;

    [Benchmark(Description = "Dictionary<Type, Action>")]
    public long HandlerDictionary() => Replay(_dictionary, _history).Balance;

    partial void SetupGenerated(AccountSnapshot expected);

    private static HandWrittenAccount Replay(HandWrittenAccount account, object[] history)
    {
        for (int i = 0; i < history.Length; i++)
        {
            account.ReplayEvent(history[i], i);
        }

        return account;
    }

    private static ReflectionAccount Replay(ReflectionAccount account, object[] history)
    {
        for (int i = 0; i < history.Length; i++)
        {
            account.ReplayEvent(history[i], i);
        }

        return account;
    }

    private static DictionaryAccount Replay(DictionaryAccount account, object[] history)
    {
        for (int i = 0; i < history.Length; i++)
        {
            account.ReplayEvent(history[i], i);
        }

        return account;
    }
}

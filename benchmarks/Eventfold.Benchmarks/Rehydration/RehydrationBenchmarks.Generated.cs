using BenchmarkDotNet.Attributes;
using Eventfold.Benchmarks.Domain;

namespace Eventfold.Benchmarks.Rehydration;

public partial class RehydrationBenchmarks
{
    private Account _generated = null!;

    [Benchmark(Description = "Generated (IEventSourced<T>)")]
    public long Generated() => Replay(_generated, _history).Balance;

    /// <summary>
    /// The same generated <c>ReplayEvent</c>, called from a loop over the sealed type rather than one
    /// generic over <c>T</c>: shows what the generic loop itself costs.
    /// </summary>
    [Benchmark(Description = "Generated, non-generic loop")]
    public long GeneratedNonGenericLoop()
    {
        IEventSourced<Account> account = _generated;
        var history = _history;
        for (int i = 0; i < history.Length; i++)
        {
            account.ReplayEvent(history[i], i);
        }

        return _generated.Balance;
    }

    partial void SetupGenerated(AccountSnapshot expected)
    {
        var account = Replay(Create<Account>("account-1"), _history);
        var actual = new AccountSnapshot(
            account.Owner, account.OverdraftLimit, account.Balance, account.InterestEarned, account.Frozen, account.FrozenReason, account.Version);
        AccountSnapshot.Check("generated", expected, actual);
        _generated = Create<Account>("account-1");
    }

    private static T Create<T>(string id)
        where T : class, IEventSourced<T> => T.Create(id);

    /// <summary>
    /// The loop <see cref="AggregateRepository{T}"/> runs on a load: generic over the aggregate, each event
    /// replayed through the interface, so the JIT sees what it sees in the repository.
    /// </summary>
    private static T Replay<T>(T aggregate, object[] history)
        where T : class, IEventSourced<T>
    {
        for (int i = 0; i < history.Length; i++)
        {
            aggregate.ReplayEvent(history[i], i);
        }

        return aggregate;
    }
}

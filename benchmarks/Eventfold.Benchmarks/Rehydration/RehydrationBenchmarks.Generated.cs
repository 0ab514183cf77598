using BenchmarkDotNet.Attributes;
using Eventfold.Benchmarks.Domain;

namespace Eventfold.Benchmarks.Rehydration;

public partial class RehydrationBenchmarks
{
    [Benchmark(Description = "Generated (IEventSourced<T>)")]
    public long Generated() => Replay<Account>(_history).Balance;

    partial void CheckGenerated(AccountSnapshot expected)
    {
        var account = Replay<Account>(_history);
        var actual = new AccountSnapshot(
            account.Owner, account.OverdraftLimit, account.Balance, account.InterestEarned, account.Frozen, account.FrozenReason, account.Version);
        AccountSnapshot.Check("generated", expected, actual);
    }

    /// <summary>The loop <see cref="AggregateRepository{T}"/> runs on a load: create through the contract, replay each event through it.</summary>
    private static T Replay<T>(object[] history)
        where T : class, IEventSourced<T>
    {
        var aggregate = T.Create("account-1");
        for (int i = 0; i < history.Length; i++)
        {
            aggregate.ReplayEvent(history[i], i);
        }

        return aggregate;
    }
}

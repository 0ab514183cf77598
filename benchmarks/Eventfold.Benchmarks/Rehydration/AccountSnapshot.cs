using Eventfold.Benchmarks.Domain;

namespace Eventfold.Benchmarks.Rehydration;

/// <summary>An account's whole state, to check that every dispatch strategy rebuilds the same account.</summary>
public readonly record struct AccountSnapshot(
    string Owner, long OverdraftLimit, long Balance, long InterestEarned, bool Frozen, string? FrozenReason, long Version)
{
    public static AccountSnapshot Of(AccountState a) =>
        new(a.Owner, a.OverdraftLimit, a.Balance, a.InterestEarned, a.Frozen, a.FrozenReason, a.Version);

    public static void Check(string strategy, AccountSnapshot expected, AccountSnapshot actual)
    {
        if (expected != actual)
        {
            throw new InvalidOperationException($"The {strategy} dispatch rebuilt {actual}; the hand-written switch rebuilt {expected}.");
        }
    }
}

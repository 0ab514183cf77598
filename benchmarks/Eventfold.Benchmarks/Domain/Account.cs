using Eventfold;

namespace Eventfold.Benchmarks.Domain;

/// <summary>The aggregate under test: its dispatch, Id and Version come from the aggregate generator.</summary>
[Aggregate("account")]
public sealed partial class Account
{
    public string Owner { get; private set; } = "";

    public long OverdraftLimit { get; private set; }

    public long Balance { get; private set; }

    public long InterestEarned { get; private set; }

    public bool Frozen { get; private set; }

    public string? FrozenReason { get; private set; }

    private void Apply(AccountOpened e)
    {
        Owner = e.Owner;
        OverdraftLimit = e.OverdraftLimit;
    }

    private void Apply(Deposited e) => Balance += e.Amount;

    private void Apply(Withdrawn e) => Balance -= e.Amount;

    private void Apply(InterestPaid e)
    {
        Balance += e.Amount;
        InterestEarned += e.Amount;
    }

    private void Apply(AccountFrozen e)
    {
        Frozen = true;
        FrozenReason = e.Reason;
    }
}

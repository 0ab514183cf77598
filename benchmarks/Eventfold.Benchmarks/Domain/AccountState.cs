namespace Eventfold.Benchmarks.Domain;

/// <summary>
/// The account's state and Apply methods, shared by the three baseline dispatchers so that they differ
/// from each other only in how they find the Apply method. The bodies match <see cref="Account"/>'s.
/// </summary>
public abstract class AccountState
{
    public string Owner { get; private set; } = "";

    public long OverdraftLimit { get; private set; }

    public long Balance { get; private set; }

    public long InterestEarned { get; private set; }

    public bool Frozen { get; private set; }

    public string? FrozenReason { get; private set; }

    public long Version { get; protected set; } = -1;

    protected void Apply(AccountOpened e)
    {
        Owner = e.Owner;
        OverdraftLimit = e.OverdraftLimit;
    }

    protected void Apply(Deposited e) => Balance += e.Amount;

    protected void Apply(Withdrawn e) => Balance -= e.Amount;

    protected void Apply(InterestPaid e)
    {
        Balance += e.Amount;
        InterestEarned += e.Amount;
    }

    protected void Apply(AccountFrozen e)
    {
        Frozen = true;
        FrozenReason = e.Reason;
    }
}

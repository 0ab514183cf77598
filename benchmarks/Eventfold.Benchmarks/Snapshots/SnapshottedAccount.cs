using Eventfold;
using Eventfold.Benchmarks.Domain;

namespace Eventfold.Benchmarks.Snapshots;

/// <summary>The benchmark account with a snapshot every 100 events; its snapshot code comes from the generator.</summary>
[Aggregate("snapshotted-account", SnapshotEvery = 100)]
public sealed partial class SnapshottedAccount
{
    public string Owner { get; private set; } = "";

    public long OverdraftLimit { get; private set; }

    public long Balance { get; private set; }

    public long InterestEarned { get; private set; }

    public bool Frozen { get; private set; }

    public string? FrozenReason { get; private set; }

    public void Record(object @event) => Raise(@event);

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

namespace Eventfold.Tests.Aggregates;

[Event("test.account-opened")]
public sealed record AccountOpened(string Owner);

[Event("test.deposited")]
public sealed record Deposited(decimal Amount);

[Event("test.withdrawn")]
public sealed record Withdrawn(decimal Amount);

/// <summary>An event the account records but whose state it does not need.</summary>
[Event("test.statement-sent")]
public sealed record StatementSent(string Channel);

[Aggregate("account")]
public sealed partial class Account
{
    public string Owner { get; private set; } = "";

    public decimal Balance { get; private set; }

    public int AppliedCount { get; private set; }

    public void Open(string owner)
    {
        if (Version >= 0)
        {
            throw new InvalidOperationException("already open");
        }

        Raise(new AccountOpened(owner));
    }

    public void Deposit(decimal amount) => Raise(new Deposited(amount));

    public void Withdraw(decimal amount)
    {
        if (amount > Balance)
        {
            throw new InvalidOperationException("insufficient funds");
        }

        Raise(new Withdrawn(amount));
    }

    public void SendStatement() => Raise(new StatementSent("mail"));

    private void Apply(AccountOpened e)
    {
        Owner = e.Owner;
        AppliedCount++;
    }

    private void Apply(Deposited e)
    {
        Balance += e.Amount;
        AppliedCount++;
    }

    private void Apply(Withdrawn e)
    {
        Balance -= e.Amount;
        AppliedCount++;
    }
}

namespace Eventfold.Tests.Aggregates.Snapshots;

// Compiled into Eventfold.Tests and Eventfold.Sqlite.Tests (linked), so both stores run the same scenarios.

[Event("test.ledger.posted")]
public sealed record Posted(string Account, decimal Amount, string? Memo);

[Event("test.ledger.reversed")]
public sealed record Reversed(string Account);

/// <summary>An event without an Apply: it only moves the version.</summary>
[Event("test.ledger.viewed")]
public sealed record Viewed(string By);

/// <summary>A snapshotted aggregate with each kind of state member a snapshot must capture.</summary>
[Aggregate("ledger", SnapshotEvery = 10)]
public sealed partial class Ledger
{
    private int _postings;
    private readonly Dictionary<string, decimal> _balances = new(StringComparer.Ordinal);

    public decimal Total { get; private set; }

    public string? LastMemo { get; private set; }

    public List<string> Memos { get; } = [];

    public void Post(string account, decimal amount, string? memo) => Raise(new Posted(account, amount, memo));

    public void Reverse(string account) => Raise(new Reversed(account));

    public void View(string by) => Raise(new Viewed(by));

    /// <summary>Every member of the state, so two instances compare as one string.</summary>
    public string Describe() =>
        $"v{Version} n{_postings} t{Total} last[{LastMemo}] memos[{string.Join(",", Memos)}] " +
        $"balances[{string.Join(",", _balances.OrderBy(b => b.Key, StringComparer.Ordinal).Select(b => b.Key + "=" + b.Value))}]";

    private void Apply(Posted e)
    {
        _postings++;
        _balances[e.Account] = _balances.GetValueOrDefault(e.Account) + e.Amount;
        Total += e.Amount;
        LastMemo = e.Memo;
        if (e.Memo is not null)
        {
            Memos.Add(e.Memo);
        }
    }

    private void Apply(Reversed e)
    {
        if (_balances.Remove(e.Account, out var amount))
        {
            Total -= amount;
        }
    }
}

using Eventfold;

namespace Eventfold.Benchmarks.Domain;

// Five event types, the size of a typical small aggregate. Amounts are longs (cents) so that no
// Apply method allocates: anything allocated in a rehydration benchmark is the dispatch's own.

[Event("account.opened")]
public sealed record AccountOpened(string Owner, long OverdraftLimit);

[Event("account.deposited")]
public sealed record Deposited(long Amount);

[Event("account.withdrawn")]
public sealed record Withdrawn(long Amount);

[Event("account.interest-paid")]
public sealed record InterestPaid(long Amount, int RateBasisPoints);

[Event("account.frozen")]
public sealed record AccountFrozen(string Reason);

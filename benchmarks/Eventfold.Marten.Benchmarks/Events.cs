using Eventfold;

namespace Eventfold.Marten.Benchmarks;

// The log of the catch-up comparison: nine of ten events are views, one is an order, the same records stored
// by Eventfold (under these names) and by Marten (under its own type names).

[Event("marten-bench.order-placed")]
public sealed record OrderPlaced(string Customer, long Total);

[Event("marten-bench.page-viewed")]
public sealed record PageViewed(string Page, long Millis);

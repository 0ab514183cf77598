using Eventfold;

namespace Eventfold.Benchmarks.Projections;

// The catch-up log: nine of ten events are views, one is an order. A projection of orders only is the
// filtered case (the store delivers a tenth of the log); one of both is the unfiltered case.

[Event("bench.order-placed")]
public sealed record OrderPlaced(string Customer, long Total);

[Event("bench.page-viewed")]
public sealed record PageViewed(string Page, long Millis);

[Event("bench.step")]
public sealed record Step(int N);

using Eventfold;

namespace Eventfold.Benchmarks.Projections;

/// <summary>Handles only orders: the store is asked for a tenth of the log.</summary>
[Projection("bench-orders")]
public sealed partial class OrderTotalsProjection
{
    public long Orders { get; private set; }

    public long Total { get; private set; }

    public void Reset() => (Orders, Total) = (0, 0);

    private void On(OrderPlaced e)
    {
        Orders++;
        Total += e.Total;
    }
}

/// <summary>Handles both event types of the log: nothing is filtered out.</summary>
[Projection("bench-everything")]
public sealed partial class EverythingProjection
{
    public long Handled { get; private set; }

    public void Reset() => Handled = 0;

    private void On(OrderPlaced e) => Handled++;

    private void On(PageViewed e) => Handled++;
}

/// <summary>A handler that waits a millisecond, as one that calls out over the network would.</summary>
[Projection("bench-slow")]
public sealed partial class SlowProjection
{
    private long _handled;

    public long Handled => Interlocked.Read(ref _handled);

    public void Reset() => Interlocked.Exchange(ref _handled, 0);

    private async Task On(Step e, CancellationToken ct)
    {
        await Task.Delay(1, ct);
        Interlocked.Increment(ref _handled);
    }
}

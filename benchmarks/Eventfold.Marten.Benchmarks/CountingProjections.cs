using global::Marten;
using global::Marten.Events.Projections;
using JasperFx.Events;

namespace Eventfold.Marten.Benchmarks;

/// <summary>Eventfold's side: counts both event types in memory, so the catch-up costs reading, deserializing and dispatching.</summary>
[Projection("marten-bench-count")]
public sealed partial class EventfoldCountingProjection
{
    public long Handled { get; private set; }

    public void Reset() => Handled = 0;

    private void On(OrderPlaced e) => Handled++;

    private void On(PageViewed e) => Handled++;
}

/// <summary>
/// Marten's side, the same projection: an async event projection that counts both event types in memory and
/// writes no document, so the daemon's cost is its reading, deserializing, dispatching and progress writes.
/// </summary>
public sealed class MartenCountingProjection : EventProjection
{
    private long _handled;

    public MartenCountingProjection()
    {
        Name = "marten-bench-count";
    }

    public long Handled => Interlocked.Read(ref _handled);

    public void Reset() => Interlocked.Exchange(ref _handled, 0);

    public override ValueTask ApplyAsync(IDocumentOperations operations, IEvent e, CancellationToken cancellation)
    {
        if (e.Data is OrderPlaced or PageViewed)
        {
            Interlocked.Increment(ref _handled);
        }

        return ValueTask.CompletedTask;
    }
}

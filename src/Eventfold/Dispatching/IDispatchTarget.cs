namespace Eventfold;

/// <summary>
/// The contract the dispatcher generator implements on every <c>[BoundedDispatcher]</c> class: a static,
/// direct call from an envelope to the right <c>Handle</c> method (a switch on
/// <see cref="DispatchEnvelope.Handler"/>), so <see cref="DispatcherEngine{TTarget}"/> needs no delegate,
/// reflection or boxing per message. Users do not implement it by hand.
/// </summary>
public interface IDispatchTarget<TSelf>
    where TSelf : class, IDispatchTarget<TSelf>
{
    /// <summary>Hands <paramref name="envelope"/>'s message to <paramref name="self"/>'s handler for it.</summary>
    static abstract ValueTask DispatchAsync(TSelf self, in DispatchEnvelope envelope, CancellationToken ct);
}

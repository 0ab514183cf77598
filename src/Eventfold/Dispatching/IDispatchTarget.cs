namespace Eventfold;

/// <summary>
/// The contract the dispatcher generator implements for every <c>[BoundedDispatcher]</c> class: a static,
/// direct call from an envelope to the right <c>Handle</c> method (a switch on
/// <see cref="DispatchEnvelope.Handler"/>), so <see cref="DispatcherEngine{TTarget}"/> needs no delegate,
/// reflection or boxing per message. Users do not implement it by hand.
/// </summary>
/// <remarks>
/// The generator implements it on a small struct nested in the dispatcher class that holds the class
/// instance: over a struct the runtime compiles the engine's worker loop for that dispatcher alone, so this
/// call is direct and can be inlined. A class implementing it works too, through code shared with every
/// other reference type (one indirect call per message).
/// </remarks>
public interface IDispatchTarget<TSelf>
    where TSelf : IDispatchTarget<TSelf>
{
    /// <summary>Hands <paramref name="envelope"/>'s message to <paramref name="self"/>'s handler for it.</summary>
    static abstract ValueTask DispatchAsync(TSelf self, in DispatchEnvelope envelope, CancellationToken ct);

    /// <summary>
    /// True when every handler returns <c>void</c>: the engine's plain worker loop then calls
    /// <see cref="Dispatch"/>, and handles no task per message.
    /// </summary>
    static virtual bool HandlesSynchronously => false;

    /// <summary>Hands <paramref name="envelope"/>'s message to its <c>void</c> handler; called only when <see cref="HandlesSynchronously"/>.</summary>
    static virtual void Dispatch(TSelf self, in DispatchEnvelope envelope, CancellationToken ct) =>
        throw new NotSupportedException(typeof(TSelf).Name + " has handlers that return tasks: the engine calls DispatchAsync.");

    /// <summary>The dispatcher's name in logs and metrics when its options name none: the class's name.</summary>
    static virtual string DispatcherName => typeof(TSelf).Name;
}

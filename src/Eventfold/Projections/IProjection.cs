namespace Eventfold;

/// <summary>
/// Implemented by the generator on every partial <c>[Projection]</c> class: its name (the checkpoint's),
/// the stored names of the events its <c>On</c> methods take (the store's filter), and a direct dispatch
/// to those methods. Users do not implement it by hand.
/// </summary>
public interface IProjection
{
    /// <summary>The name given to <c>[Projection]</c>.</summary>
    static abstract string ProjectionName { get; }

    /// <summary>The stored event names the projection handles, sorted; every other event is filtered out by the store.</summary>
    static abstract IReadOnlyList<string> HandledEventNames { get; }

    /// <summary>
    /// The <c>ParallelStreams</c> given to <c>[Projection]</c>: streams its runner may handle at once unless
    /// <see cref="ProjectionRunnerOptions.ParallelStreams"/> says otherwise. The generator implements it only when declared.
    /// </summary>
    static virtual int ParallelStreams => 1;

    /// <summary>
    /// Calls the <c>On</c> method for <paramref name="recorded"/>'s event. A synchronous handler completes
    /// the returned task at once, allocating nothing; an event no handler takes is ignored.
    /// </summary>
    /// <exception cref="EventDeserializationException">The stored event cannot be read.</exception>
    ValueTask DispatchAsync(RecordedEvent recorded, CancellationToken ct);
}

namespace Eventfold;

/// <summary>
/// The contract the aggregate generator implements on every <c>[Aggregate]</c> class, so that
/// <see cref="AggregateRepository{T}"/> creates, replays and saves aggregates with direct calls:
/// no reflection, no Activator. Users do not implement it by hand.
/// </summary>
public interface IEventSourced<TSelf> : IAggregate
    where TSelf : class, IEventSourced<TSelf>
{
    /// <summary>The stream category from <see cref="AggregateAttribute"/>.</summary>
    static abstract string Category { get; }

    /// <summary><see cref="AggregateAttribute.SnapshotEvery"/>; 0 for none.</summary>
    static abstract int SnapshotEvery { get; }

    /// <summary>A new, empty aggregate with this id and version -1.</summary>
    static abstract TSelf Create(string id);

    /// <summary>Applies a stored event during a load and moves <see cref="IAggregate.Version"/> to <paramref name="version"/>.</summary>
    void ReplayEvent(object @event, long version);

    /// <summary>
    /// The id of each of <see cref="IAggregate.UncommittedEvents"/>, in the same order. An id is fixed
    /// when its event is raised and kept until the event is saved, so a save retried after an ambiguous
    /// failure appends the same ids and the store recognises it as a retry.
    /// </summary>
    IReadOnlyList<Guid> UncommittedEventIds { get; }

    /// <summary>Claims this instance for one save; false while another save of it is under way.</summary>
    bool TryBeginSave();

    /// <summary>Releases the claim <see cref="TryBeginSave"/> took.</summary>
    void EndSave();

    /// <summary>
    /// Forgets the oldest <paramref name="count"/> uncommitted events once the store holds them; events
    /// raised while the save was under way stay uncommitted.
    /// </summary>
    void MarkCommitted(int count);
}

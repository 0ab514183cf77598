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

    /// <summary>Forgets the uncommitted events once the store holds them.</summary>
    void MarkCommitted();
}

using System.Text.Json;

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

    /// <summary>
    /// The build-time hash of the state a snapshot captures (each member's name and type); null when the
    /// aggregate has no snapshot support (<c>SnapshotEvery</c> is 0, or a member cannot be restored).
    /// </summary>
    static virtual string? SnapshotShape => null;

    /// <summary>Writes the aggregate's whole state as one JSON object (generated when <see cref="SnapshotShape"/> is set).</summary>
    void WriteSnapshot(Utf8JsonWriter writer, JsonSerializerOptions options) =>
        throw new NotSupportedException($"Aggregate {typeof(TSelf).Name} has no snapshot support.");

    /// <summary>
    /// Restores what <see cref="WriteSnapshot"/> wrote into this new instance and moves
    /// <see cref="IAggregate.Version"/> to <paramref name="version"/>.
    /// </summary>
    /// <exception cref="JsonException">The JSON is not a snapshot of this shape; the instance must be discarded.</exception>
    void RestoreSnapshot(ReadOnlySpan<byte> json, long version, JsonSerializerOptions options) =>
        throw new NotSupportedException($"Aggregate {typeof(TSelf).Name} has no snapshot support.");

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

namespace Eventfold.Generators.Aggregates;

/// <summary>
/// One <c>[Aggregate]</c> class as the emitter needs it. <see cref="Namespace"/> is empty for the
/// global namespace; <see cref="ContainingTypes"/> lists enclosing partial types, outermost first.
/// </summary>
internal sealed record AggregateSpec(
    string HintName,
    string Namespace,
    EquatableArray<ContainingTypeSpec> ContainingTypes,
    string Declaration,
    string FullyQualifiedName,
    string Category,
    int SnapshotEvery,
    EquatableArray<ApplySpec> Applies,
    SnapshotSpec? Snapshot);

/// <summary>
/// What a snapshot captures; null on the aggregate spec when <c>SnapshotEvery</c> is 0. With an
/// <see cref="UnsupportedReason"/> no snapshot code is emitted and the aggregate always replays in full.
/// </summary>
internal sealed record SnapshotSpec(string ShapeHash, EquatableArray<SnapshotMemberSpec> Members, string? UnsupportedReason)
{
    public static SnapshotSpec Unsupported(string reason) => new("", EquatableArray<SnapshotMemberSpec>.Empty, reason);
}

/// <summary>
/// One captured member by its source name and fully qualified type. <see cref="ElementType"/> is set
/// for a collection that cannot be assigned and is restored by clearing and refilling it.
/// </summary>
internal readonly record struct SnapshotMemberSpec(string Name, string Type, string? ElementType);

/// <summary>An enclosing type: its name and its partial declaration header ("partial class Outer").</summary>
internal readonly record struct ContainingTypeSpec(string Name, string Declaration);

/// <summary>
/// One <c>Apply(TEvent e)</c> method, by its event type's fully qualified name, and how an integer
/// dispatch keys that type. The parser orders them so a derived event comes before its base.
/// </summary>
internal readonly record struct ApplySpec(string EventType, EventTypeKey Key);

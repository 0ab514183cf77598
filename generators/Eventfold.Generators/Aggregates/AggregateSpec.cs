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
    EquatableArray<ApplySpec> Applies);

/// <summary>An enclosing type: its name and its partial declaration header ("partial class Outer").</summary>
internal readonly record struct ContainingTypeSpec(string Name, string Declaration);

/// <summary>
/// One <c>Apply(TEvent e)</c> method, by its event type's fully qualified name. The parser orders
/// them so a derived event comes before its base.
/// </summary>
internal readonly record struct ApplySpec(string EventType);

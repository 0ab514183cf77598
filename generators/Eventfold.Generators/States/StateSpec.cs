using Eventfold.Generators.Aggregates;

namespace Eventfold.Generators.States;

/// <summary>
/// One <c>[PublishesState]</c> aggregate as the state emitter needs it: where its <c>{Aggregate}State</c>
/// record goes (beside the aggregate), its event name and version, and the published members in order.
/// </summary>
internal sealed record PublishedStateSpec(
    string HintName,
    string Namespace,
    EquatableArray<ContainingTypeSpec> ContainingTypes,
    string AggregateDeclaration,
    string AggregateFullName,
    string Accessibility,
    string RecordName,
    string RecordFullName,
    string StateName,
    int Version,
    string RegistrationClass,
    string JsonConverterClass,
    EquatableArray<StateMemberSpec> Members);

/// <summary>
/// A published member: its source name, its type as a record parameter writes it (nullable annotations kept),
/// and whether JSON null is refused for it (a reference type not annotated nullable).
/// </summary>
internal readonly record struct StateMemberSpec(string Name, string Type, bool RefusesNull);

/// <summary>One <c>[StateReplica]</c> record: where to re-declare it and the state name it copies.</summary>
internal sealed record StateReplicaSpec(
    string HintName,
    string Namespace,
    EquatableArray<ContainingTypeSpec> ContainingTypes,
    string Declaration,
    string FullyQualifiedName,
    string StateName);

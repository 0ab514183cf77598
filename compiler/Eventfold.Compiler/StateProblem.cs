namespace Eventfold.Compiler;

/// <summary>What is wrong with a <c>[PublishesState]</c> aggregate or a <c>[StateReplica]</c> record; each kind belongs to one rule.</summary>
internal enum StateProblemKind
{
    /// <summary>EVF010 (warning): a <c>[PersonalData]</c> member that the state would publish.</summary>
    PersonalDataPublished,

    /// <summary>EVF050: <c>[PublishesState]</c> on a type without <c>[Aggregate]</c>.</summary>
    PublisherIsNotAnAggregate,

    /// <summary>EVF050: <c>[PublishesState(Version = n)]</c> with n below 1.</summary>
    StateVersionNotPositive,

    /// <summary>EVF051: a replica the generator cannot implement (not a record class, abstract, generic, no name, no identity).</summary>
    ReplicaCannotBeGenerated,

    /// <summary>EVF052: a replica member that the published state does not carry.</summary>
    ReplicaMemberNotPublished,

    /// <summary>EVF053: a replica member that the published state carries with another type.</summary>
    ReplicaMemberTypeDiffers,

    /// <summary>EVF054: a replica naming a state that the publisher in the compilation does not publish under that name.</summary>
    ReplicaNamesNoPublishedState,
}

/// <summary>One problem of published state or of a replica, with the message that names the type, the member and the fix.</summary>
internal sealed record StateProblem(StateProblemKind Kind, string Message)
{
    /// <summary>
    /// Whether the generator leaves the type out. The others are errors of meaning (a replica that would stay
    /// empty or lose members), not of shape: the generated code still compiles.
    /// </summary>
    public bool BlocksGeneration => Kind is StateProblemKind.PublisherIsNotAnAggregate
        or StateProblemKind.StateVersionNotPositive or StateProblemKind.ReplicaCannotBeGenerated;
}

namespace Eventfold.Analyzers;

/// <summary>
/// The diagnostic IDs. They are fixed forever: a retired rule keeps its number and a new rule takes
/// the next free one, whatever order they are declared in.
/// </summary>
internal static class RuleIdentifiers
{
    public const string MutableEvent = "EVF001";
    public const string RaiseWithoutApply = "EVF003";
    public const string DuplicateEventNameAndVersion = "EVF004";
    public const string VersionWithoutPathToLatest = "EVF005";
    public const string TypeMustBePartial = "EVF006";
    public const string UnusableHandlerShape = "EVF008";
    public const string RaiseInsideApply = "EVF009";
    public const string AggregateCannotBeGenerated = "EVF011";
    public const string AggregateNeedsParameterlessConstructor = "EVF012";
    public const string AggregateHasRequiredMember = "EVF013";
    public const string AggregateDeclaresGeneratedMember = "EVF014";
    public const string EventCannotBeRegistered = "EVF015";
    public const string InvalidAttributeValue = "EVF016";
    public const string RaiseOfNonEvent = "EVF017";
    public const string UnreadableEventMember = "EVF018";
    public const string RaiseOfSupersededVersion = "EVF019";
    public const string DispatcherCapacityBelowOne = "EVF020";
    public const string DispatcherWorkerRange = "EVF021";
    public const string DispatcherPerSecondNegative = "EVF022";
    public const string DispatcherWithoutHandle = "EVF023";
    public const string DispatcherDuplicateHandle = "EVF024";
    public const string DispatcherKeyMethodShape = "EVF025";
    public const string DispatcherCannotBeGenerated = "EVF026";
    public const string DispatcherDeclaresGeneratedMember = "EVF027";
    public const string DispatcherOverflowUndefined = "EVF028";
    public const string DispatcherMessageLessAccessible = "EVF029";
    public const string ProjectionCannotBeGenerated = "EVF030";
    public const string DuplicateUpcaster = "EVF040";
    public const string UpcasterTargetNotNextVersion = "EVF041";
    public const string UpcasterCycle = "EVF042";
    public const string SnapshotCannotRestoreMember = "EVF043";
    public const string SnapshotMemberNotRoundTripped = "EVF044";
    public const string UpcasterOfAmbiguousPublishedState = "EVF045";
    public const string ProjectionParallelStreamsBelowOne = "EVF031";
    public const string SagaStepWithoutCompensation = "EVF002";
    public const string SagaCompensationNotUsable = "EVF007";
    public const string PersonalDataPublished = "EVF010";
    public const string PublishedStateCannotBeGenerated = "EVF050";
    public const string StateReplicaCannotBeGenerated = "EVF051";
    public const string StateReplicaMemberNotPublished = "EVF052";
    public const string StateReplicaMemberTypeDiffers = "EVF053";
    public const string StateReplicaNamesNoPublishedState = "EVF054";
    public const string SagaDuplicateStepOrder = "EVF060";
    public const string SagaCompensationOnLastStep = "EVF061";
    public const string SagaMissingCancellationToken = "EVF062";
    public const string SagaDataNotImmutableRecord = "EVF063";
    public const string SagaCannotBeGenerated = "EVF064";
    public const string SagaStartedByWithoutStart = "EVF065";
    public const string EventMissingFromJsonContext = "EVF070";
    public const string NoJsonContextForNativeAot = "EVF071";
    public const string GeneratedMemberMissingFromJsonContext = "EVF072";
}

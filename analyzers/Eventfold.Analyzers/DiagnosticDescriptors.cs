using Microsoft.CodeAnalysis;

namespace Eventfold.Analyzers;

/// <summary>Every diagnostic the Eventfold analyzers report; each has a page under docs/diagnostics/.</summary>
internal static class DiagnosticDescriptors
{
    private const string HelpLinkFormat = "https://github.com/eventfold/eventfold/blob/main/docs/diagnostics/{0}.md";

    public static readonly DiagnosticDescriptor MutableEvent = Create(
        RuleIdentifiers.MutableEvent,
        title: "Event types must be immutable",
        messageFormat: "Event '{0}' is mutable: {1}",
        DiagnosticCategories.Design,
        DiagnosticSeverity.Warning,
        description: "An event records something that happened; once stored it never changes. A settable property, a non-readonly field or a mutable collection lets code change an event after it was raised, so what is applied, stored and replayed can differ.");

    public static readonly DiagnosticDescriptor RaiseWithoutApply = Create(
        RuleIdentifiers.RaiseWithoutApply,
        title: "Raised event has no Apply method",
        messageFormat: "Aggregate '{0}' raises '{1}' but has no 'Apply({1})' method, so the event changes no state when raised or replayed",
        DiagnosticCategories.Design,
        DiagnosticSeverity.Warning,
        description: "Raise applies the event at once and keeps it for saving; loading replays it through the Apply methods. Without an Apply method for the event's type the aggregate's state ignores it.");

    public static readonly DiagnosticDescriptor DuplicateEventNameAndVersion = Create(
        RuleIdentifiers.DuplicateEventNameAndVersion,
        title: "Two event types share a name and version",
        messageFormat: "Event '{0}' is stored as '{1}' version {2}, as is '{3}'; each name and version must belong to one type",
        DiagnosticCategories.Design,
        DiagnosticSeverity.Error,
        description: "The stored name and schema version pick the type an event is read back as. Two types with the same pair make reading ambiguous.",
        WellKnownDiagnosticTags.CompilationEnd);

    public static readonly DiagnosticDescriptor TypeMustBePartial = Create(
        RuleIdentifiers.TypeMustBePartial,
        title: "Type with an Eventfold attribute must be partial",
        messageFormat: "{0} must be declared 'partial' so that the source generator can add members to the [{1}] type '{2}'",
        DiagnosticCategories.Usage,
        DiagnosticSeverity.Error,
        description: "The generators add members to aggregates, projections, sagas, state replicas and bounded dispatchers in a second part of the type, which needs the type and every type it is nested in to be partial.");

    public static readonly DiagnosticDescriptor UnusableHandlerShape = Create(
        RuleIdentifiers.UnusableHandlerShape,
        title: "Handler method has a shape the generator cannot use",
        messageFormat: "'{0}' cannot be used as {1}: {2}",
        DiagnosticCategories.Usage,
        DiagnosticSeverity.Error,
        description: "The generators call Apply, On, Handle, saga step and upcaster methods directly; a method of another shape would be skipped or produce code that does not compile.");

    public static readonly DiagnosticDescriptor RaiseInsideApply = Create(
        RuleIdentifiers.RaiseInsideApply,
        title: "Raise called inside an Apply method",
        messageFormat: "'Raise' is called inside '{0}'; Apply methods run again on every replay, so this would raise the event again each time the aggregate is loaded",
        DiagnosticCategories.Design,
        DiagnosticSeverity.Warning,
        description: "Apply methods only change state from an event that already happened. Decisions that raise events belong in the command methods that call Raise.");

    public static readonly DiagnosticDescriptor AggregateCannotBeGenerated = Create(
        RuleIdentifiers.AggregateCannotBeGenerated,
        title: "Aggregate type cannot be generated",
        messageFormat: "{0}",
        DiagnosticCategories.Usage,
        DiagnosticSeverity.Error,
        description: "The generator implements an [Aggregate] class as one concrete, instantiable type. A generic, abstract or static class, or one nested in a generic type, gets no generated members.");

    public static readonly DiagnosticDescriptor AggregateNeedsParameterlessConstructor = Create(
        RuleIdentifiers.AggregateNeedsParameterlessConstructor,
        title: "Aggregate has no parameterless constructor",
        messageFormat: "{0}",
        DiagnosticCategories.Usage,
        DiagnosticSeverity.Error,
        description: "AggregateRepository creates an aggregate through the generated Create(id), which calls a parameterless constructor (private is fine) before replaying the events. Without one the generator emits nothing.");

    public static readonly DiagnosticDescriptor AggregateHasRequiredMember = Create(
        RuleIdentifiers.AggregateHasRequiredMember,
        title: "Aggregate has a required member",
        messageFormat: "{0}",
        DiagnosticCategories.Usage,
        DiagnosticSeverity.Error,
        description: "The generated Create(id) cannot set required members: an aggregate's state comes from its events, not from initialisers. Without removing 'required' the generator emits nothing.");

    public static readonly DiagnosticDescriptor AggregateDeclaresGeneratedMember = Create(
        RuleIdentifiers.AggregateDeclaresGeneratedMember,
        title: "Aggregate declares a member the generator adds",
        messageFormat: "{0}",
        DiagnosticCategories.Usage,
        DiagnosticSeverity.Error,
        description: "The generator adds Id, Version, UncommittedEvents and Raise to every aggregate. A member of the same name, declared or inherited, would clash, so the generator emits nothing for the aggregate.");

    public static readonly DiagnosticDescriptor EventCannotBeRegistered = Create(
        RuleIdentifiers.EventCannotBeRegistered,
        title: "Event type cannot be registered",
        messageFormat: "{0}",
        DiagnosticCategories.Usage,
        DiagnosticSeverity.Error,
        description: "The generated registration names every [Event] type in code. A generic, private, protected, file-local or static type cannot be named there, so it is never registered and can be neither saved nor read.");

    public static readonly DiagnosticDescriptor InvalidAttributeValue = Create(
        RuleIdentifiers.InvalidAttributeValue,
        title: "Eventfold attribute has an invalid value",
        messageFormat: "{0}",
        DiagnosticCategories.Usage,
        DiagnosticSeverity.Error,
        description: "Event schema versions count from 1, a stored event name is not empty and an aggregate names its stream category. The generator skips a type whose attribute breaks one of these.");

    public static readonly DiagnosticDescriptor RaiseOfNonEvent = Create(
        RuleIdentifiers.RaiseOfNonEvent,
        title: "Raise of a type that is not an event",
        messageFormat: "Aggregate '{0}' raises '{1}', which is not an [Event] type, so saving it fails with UnregisteredEventTypeException; mark '{1}' with [Event] or raise an event",
        DiagnosticCategories.Usage,
        DiagnosticSeverity.Error,
        description: "Only [Event] types are registered and can be stored. Raising any other type applies it in memory but fails when the aggregate is saved.");

    public static readonly DiagnosticDescriptor UnreadableEventMember = Create(
        RuleIdentifiers.UnreadableEventMember,
        title: "Event member cannot be read back",
        messageFormat: "Event '{0}' has the member '{1}' of type '{2}', {3} that System.Text.Json cannot create when it reads the event back; declare its derived types with [JsonPolymorphic] and [JsonDerivedType], give it a [JsonConverter], or use a concrete type",
        DiagnosticCategories.Design,
        DiagnosticSeverity.Warning,
        description: "An event is written as JSON and read back into its type. An interface or abstract class member is written with the properties of its runtime type but cannot be created on reading, so the stored event can never be loaded again.");

    public static readonly DiagnosticDescriptor RaiseOfSupersededVersion = Create(
        RuleIdentifiers.RaiseOfSupersededVersion,
        title: "Raise of a superseded event version",
        messageFormat: "Aggregate '{0}' raises '{1}', version {2} of event '{3}', which version {4} ('{5}') supersedes; raise the latest version: saving an older one is refused",
        DiagnosticCategories.Design,
        DiagnosticSeverity.Error,
        description: "Older versions of an event stay registered so stored history can be read and upcast. Domain code always raises the latest version; AggregateRepository.SaveAsync refuses a superseded one.");
    public static readonly DiagnosticDescriptor DispatcherCapacityBelowOne = Create(
        RuleIdentifiers.DispatcherCapacityBelowOne,
        title: "Dispatcher capacity below 1",
        messageFormat: "{0}",
        DiagnosticCategories.Usage,
        DiagnosticSeverity.Error,
        description: "A bounded dispatcher's queue holds Capacity messages; with none it could accept nothing, and the dispatcher would throw when first used. The generator emits nothing for it.");

    public static readonly DiagnosticDescriptor DispatcherWorkerRange = Create(
        RuleIdentifiers.DispatcherWorkerRange,
        title: "Dispatcher worker range cannot work",
        messageFormat: "{0}",
        DiagnosticCategories.Usage,
        DiagnosticSeverity.Error,
        description: "Workers is the number of workers started and kept; MaxWorkers the most it grows to (0 for no growth). Fewer than one worker, or a maximum below the minimum, cannot run, so the generator emits nothing for it.");

    public static readonly DiagnosticDescriptor DispatcherPerSecondNegative = Create(
        RuleIdentifiers.DispatcherPerSecondNegative,
        title: "Dispatcher rate is negative",
        messageFormat: "{0}",
        DiagnosticCategories.Usage,
        DiagnosticSeverity.Error,
        description: "PerSecond throttles handling to that many messages per second over all workers; 0 means no limit. A negative rate means nothing, so the generator emits nothing for it.");

    public static readonly DiagnosticDescriptor DispatcherWithoutHandle = Create(
        RuleIdentifiers.DispatcherWithoutHandle,
        title: "Dispatcher has no Handle method",
        messageFormat: "{0}",
        DiagnosticCategories.Usage,
        DiagnosticSeverity.Error,
        description: "The generator writes an EnqueueAsync and a TryEnqueue for each message type a Handle method takes. Without one the dispatcher could take no message, so nothing is generated.");

    public static readonly DiagnosticDescriptor DispatcherDuplicateHandle = Create(
        RuleIdentifiers.DispatcherDuplicateHandle,
        title: "Two Handle methods for one message type",
        messageFormat: "{0}",
        DiagnosticCategories.Usage,
        DiagnosticSeverity.Error,
        description: "Each handled message type gets one EnqueueAsync that queues it for one Handle method. Two Handle methods for the same type (with and without a CancellationToken, say) leave it ambiguous, so nothing is generated.");

    public static readonly DiagnosticDescriptor DispatcherKeyMethodShape = Create(
        RuleIdentifiers.DispatcherKeyMethodShape,
        title: "Dispatcher key method has the wrong shape",
        messageFormat: "{0}",
        DiagnosticCategories.Usage,
        DiagnosticSeverity.Error,
        description: "A dispatcher orders messages by key when it declares 'static TKey KeyOf(TMessage m)' methods: one per handled message type, all with the same non-nullable key type. A key method of another shape, or a handled type without one, leaves the order undefined, so nothing is generated.");

    public static readonly DiagnosticDescriptor DispatcherCannotBeGenerated = Create(
        RuleIdentifiers.DispatcherCannotBeGenerated,
        title: "Dispatcher type cannot be generated",
        messageFormat: "{0}",
        DiagnosticCategories.Usage,
        DiagnosticSeverity.Error,
        description: "The generator implements a [BoundedDispatcher] class as one concrete instance type that holds its queue and workers. A static class, a generic class or one nested in a generic type gets no generated members.");
    public static readonly DiagnosticDescriptor DispatcherDeclaresGeneratedMember = Create(
        RuleIdentifiers.DispatcherDeclaresGeneratedMember,
        title: "Dispatcher declares a member the generator adds",
        messageFormat: "{0}",
        DiagnosticCategories.Usage,
        DiagnosticSeverity.Error,
        description: "The generator adds EnqueueAsync, TryEnqueue, Start, StopAsync, DisposeAsync, Stats, Configure and __Eventfold members to every [BoundedDispatcher] class. A declared member of one of those names would collide with the generated one, an inherited one would be hidden; the class gets no generated members.");
    public static readonly DiagnosticDescriptor DispatcherOverflowUndefined = Create(
        RuleIdentifiers.DispatcherOverflowUndefined,
        title: "Dispatcher overflow policy is not defined",
        messageFormat: "{0}",
        DiagnosticCategories.Usage,
        DiagnosticSeverity.Error,
        description: "Overflow decides what a full queue does with a new message: Wait, DropOldest, DropNewest or Reject. A number that is none of them has no meaning; the class gets no generated members.");
    public static readonly DiagnosticDescriptor DispatcherMessageLessAccessible = Create(
        RuleIdentifiers.DispatcherMessageLessAccessible,
        title: "Dispatcher handles a message type less accessible than itself",
        messageFormat: "{0}",
        DiagnosticCategories.Usage,
        DiagnosticSeverity.Error,
        description: "The generator writes a public EnqueueAsync and TryEnqueue for every handled message type. A message type less accessible than the dispatcher could not be their parameter (CS0051); the class gets no generated members.");
    public static readonly DiagnosticDescriptor ProjectionCannotBeGenerated = Create(
        RuleIdentifiers.ProjectionCannotBeGenerated,
        title: "Projection type cannot be generated",
        messageFormat: "{0}",
        DiagnosticCategories.Usage,
        DiagnosticSeverity.Error,
        description: "The generator implements IProjection on a [Projection] class: one concrete, instantiable class with a non-empty name, which is its checkpoint's. A generic, abstract or static class, or one without a name, gets no generated members.");

    public static readonly DiagnosticDescriptor ProjectionParallelStreamsBelowOne = Create(
        RuleIdentifiers.ProjectionParallelStreamsBelowOne,
        title: "Projection ParallelStreams below 1",
        messageFormat: "{0}",
        DiagnosticCategories.Usage,
        DiagnosticSeverity.Error,
        description: "[Projection(ParallelStreams = n)] is how many streams the projection's runner may handle at once; with none it could handle nothing. The generator emits nothing for the class.");

    public static readonly DiagnosticDescriptor VersionWithoutPathToLatest = Create(
        RuleIdentifiers.VersionWithoutPathToLatest,
        title: "Event version with no upcaster path to the latest version",
        messageFormat: "Version {1} of event '{2}' ({0}) has no chain of upcasters to the latest version {3}: events stored at version {1} cannot be read; add an [Upcaster] from version {1} to the next",
        DiagnosticCategories.Design,
        DiagnosticSeverity.Error,
        description: "Reading any stored version yields the latest type of its name through a chain of upcasters, version by version. A version from which no chain reaches the latest can be stored but never read back.");

    public static readonly DiagnosticDescriptor DuplicateUpcaster = Create(
        RuleIdentifiers.DuplicateUpcaster,
        title: "Two upcasters from the same event version",
        messageFormat: "Upcaster '{0}' reads version {1} of event '{2}', as does {3}: events stored at version {1} would have two ways forward; keep one",
        DiagnosticCategories.Design,
        DiagnosticSeverity.Error,
        description: "The generator composes one chain of upcasters per stored version. Two upcasters from one name and version make that chain ambiguous, so neither is composed.");

    public static readonly DiagnosticDescriptor UpcasterTargetNotNextVersion = Create(
        RuleIdentifiers.UpcasterTargetNotNextVersion,
        title: "Upcaster does not lead to the next version of its event",
        messageFormat: "Upcaster '{0}' reads version {1} of event '{2}', but {3}; an upcaster leads to the next version of the same name",
        DiagnosticCategories.Design,
        DiagnosticSeverity.Error,
        description: "A chain of upcasters goes version by version: each upcaster turns version n of a name into the next declared version of that name. An upcaster that returns another event, an earlier version, or skips a declared version breaks the chain or leaves a version's upcaster unused.");

    public static readonly DiagnosticDescriptor UpcasterCycle = Create(
        RuleIdentifiers.UpcasterCycle,
        title: "Upcasters form a cycle",
        messageFormat: "Upcaster '{0}' is on a cycle of upcasters ({1}): a chain through it never reaches the latest version",
        DiagnosticCategories.Design,
        DiagnosticSeverity.Error,
        description: "Upcasters lead from older versions to newer ones. A set of upcasters that leads back to where it started can never produce the latest version, so no chain is composed through it.");
    public static readonly DiagnosticDescriptor UpcasterOfAmbiguousPublishedState = Create(
        RuleIdentifiers.UpcasterOfAmbiguousPublishedState,
        title: "Upcaster of a published state the registration cannot name",
        messageFormat: "Upcaster '{0}' reads or returns '{1}', the state [PublishesState] generates for an aggregate '{2}', but more than one aggregate named '{2}' publishes state, so the generated registration cannot tell which record it is and would leave the upcaster out; rename one of the aggregates, or upcast the older version with a JSON upcaster",
        DiagnosticCategories.Usage,
        DiagnosticSeverity.Error,
        description: "The registry generator runs beside the generator of the published-state records and does not see them: it names a {Aggregate}State record from the one [PublishesState] aggregate of that name. With two such aggregates it cannot, and the upcaster would not be registered.");
    public static readonly DiagnosticDescriptor SnapshotCannotRestoreMember = Create(
        RuleIdentifiers.SnapshotCannotRestoreMember,
        title: "Snapshotted aggregate has state the snapshot cannot restore",
        messageFormat: "Aggregate '{0}' sets SnapshotEvery, but its {1}; so no snapshot is ever written and every load replays all events",
        DiagnosticCategories.Design,
        DiagnosticSeverity.Warning,
        description: "The generated restore puts each member back through itself, without reflection: it assigns a settable field or property and refills a get-only collection. A readonly field, a get-only or init-only property of another type, or a field of a base class cannot be put back, and a snapshot without it would restore a different state than a replay; the generator then writes no snapshot code at all.");

    public static readonly DiagnosticDescriptor SnapshotMemberNotRoundTripped = Create(
        RuleIdentifiers.SnapshotMemberNotRoundTripped,
        title: "Snapshotted aggregate has a member System.Text.Json does not read back",
        messageFormat: "Aggregate '{0}' sets SnapshotEvery, but its {1}; so no snapshot is ever written and every load replays all events",
        DiagnosticCategories.Design,
        DiagnosticSeverity.Warning,
        description: "A snapshot writes each member with System.Text.Json's general defaults and reads it back the same way. An object member comes back as a JsonElement, a tuple or a field of a nested type is left out, a nested property without a public setter is never set, and an interface cannot be created: the restored state would differ from a replay's, or never be restored. The generator then writes no snapshot code at all.");
    public static readonly DiagnosticDescriptor SagaStepWithoutCompensation = Create(
        RuleIdentifiers.SagaStepWithoutCompensation,
        title: "Saga step has no compensation",
        messageFormat: "{0}",
        DiagnosticCategories.Design,
        DiagnosticSeverity.Warning,
        description: "When a saga step fails, the coordinator compensates every completed step in reverse order. A step that is not the last and names no compensation leaves its effect in place when a later step fails; say so explicitly with [NoCompensation(\"reason\")] if that is intended.");

    public static readonly DiagnosticDescriptor SagaCompensationNotUsable = Create(
        RuleIdentifiers.SagaCompensationNotUsable,
        title: "Saga compensation does not exist or has the wrong shape",
        messageFormat: "{0}",
        DiagnosticCategories.Usage,
        DiagnosticSeverity.Error,
        description: "Compensate names a method of the saga that undoes the step: 'Task M(TData data, CancellationToken ct)'. A name that matches no method, matches a step, or a method of another shape cannot be called, so the generator emits nothing for the saga.");

    public static readonly DiagnosticDescriptor PersonalDataPublished = Create(
        RuleIdentifiers.PersonalDataPublished,
        title: "Published state carries personal data",
        messageFormat: "{0}",
        DiagnosticCategories.Design,
        DiagnosticSeverity.Warning,
        description: "A [PublishesState] aggregate publishes every public member not marked [NotPublished] to a stream other services read and copy. A member marked [PersonalData] would leave the service that owns it, and be copied where it cannot be erased.");

    public static readonly DiagnosticDescriptor PublishedStateCannotBeGenerated = Create(
        RuleIdentifiers.PublishedStateCannotBeGenerated,
        title: "Published state cannot be generated",
        messageFormat: "{0}",
        DiagnosticCategories.Usage,
        DiagnosticSeverity.Error,
        description: "[PublishesState] makes the generator write a state event record from an [Aggregate]'s public state, published after each save. On a type without [Aggregate], or with a schema version below 1, nothing is generated or published.");

    public static readonly DiagnosticDescriptor StateReplicaCannotBeGenerated = Create(
        RuleIdentifiers.StateReplicaCannotBeGenerated,
        title: "State replica cannot be generated",
        messageFormat: "{0}",
        DiagnosticCategories.Usage,
        DiagnosticSeverity.Error,
        description: "The generator makes a [StateReplica] record an IStateReplica that StateReplica<T> fills. It needs a concrete, non-generic record class that names its state and has a public 'string Id' and 'long Version', which say whose state it is and how new; otherwise nothing is generated.");

    public static readonly DiagnosticDescriptor StateReplicaMemberNotPublished = Create(
        RuleIdentifiers.StateReplicaMemberNotPublished,
        title: "State replica member is not in the published state",
        messageFormat: "{0}",
        DiagnosticCategories.Usage,
        DiagnosticSeverity.Error,
        description: "A published state is mapped onto its replica by member name. A replica member that the state does not carry (a [NotPublished] member, a misspelt name, a member the publisher removed) is never set.");

    public static readonly DiagnosticDescriptor StateReplicaMemberTypeDiffers = Create(
        RuleIdentifiers.StateReplicaMemberTypeDiffers,
        title: "State replica member has another type than the published state",
        messageFormat: "{0}",
        DiagnosticCategories.Usage,
        DiagnosticSeverity.Error,
        description: "A published state is mapped onto its replica by member name. A replica member of another type than the state's either fails to read, which stops the replica, or reads a different value.");

    public static readonly DiagnosticDescriptor StateReplicaNamesNoPublishedState = Create(
        RuleIdentifiers.StateReplicaNamesNoPublishedState,
        title: "State replica names a state that is not published",
        messageFormat: "{0}",
        DiagnosticCategories.Usage,
        DiagnosticSeverity.Error,
        description: "A replica reads the events named by [StateReplica(\"name\")]; an aggregate publishes its state as '{category}.state'. When the aggregate is in the compilation or a referenced assembly and publishes no state under that name, the replica would stay empty.");

    public static readonly DiagnosticDescriptor SagaDuplicateStepOrder = Create(
        RuleIdentifiers.SagaDuplicateStepOrder,
        title: "Two saga steps share an order",
        messageFormat: "{0}",
        DiagnosticCategories.Usage,
        DiagnosticSeverity.Error,
        description: "A step's order decides when it runs and when it is compensated. Two steps with one order leave that to declaration order, which a refactoring changes without notice, so the generator emits nothing for the saga.");

    public static readonly DiagnosticDescriptor SagaCompensationOnLastStep = Create(
        RuleIdentifiers.SagaCompensationOnLastStep,
        title: "Compensation of the last saga step can never run",
        messageFormat: "{0}",
        DiagnosticCategories.Design,
        DiagnosticSeverity.Warning,
        description: "Compensation undoes completed steps when a later step fails. A failed step itself is not compensated, and no step follows the last, so the last step's compensation never runs.");

    public static readonly DiagnosticDescriptor SagaMissingCancellationToken = Create(
        RuleIdentifiers.SagaMissingCancellationToken,
        title: "Saga step or compensation takes no CancellationToken",
        messageFormat: "{0}",
        DiagnosticCategories.Usage,
        DiagnosticSeverity.Error,
        description: "The coordinator cancels a step that exceeds TimeoutSeconds and every step and compensation when the host stops. Without a CancellationToken the method cannot be cancelled, so the generator emits nothing for the saga.");

    public static readonly DiagnosticDescriptor SagaDataNotImmutableRecord = Create(
        RuleIdentifiers.SagaDataNotImmutableRecord,
        title: "Saga data is not an immutable record",
        messageFormat: "{0}",
        DiagnosticCategories.Design,
        DiagnosticSeverity.Warning,
        description: "A saga's data is logged after every step and read back on recovery, and a step returns the next data. Data that a step changes in place differs from what was logged, so a recovered saga sees other data than the one that crashed.");

    public static readonly DiagnosticDescriptor SagaCannotBeGenerated = Create(
        RuleIdentifiers.SagaCannotBeGenerated,
        title: "Saga type cannot be generated",
        messageFormat: "{0}",
        DiagnosticCategories.Usage,
        DiagnosticSeverity.Error,
        description: "The generator implements a [Saga] class as one concrete class with a named log and at least one step. A static, abstract or generic class, a record, a saga without a name or without steps, or a step with a negative Retries or TimeoutSeconds gets no generated code.");

    public static readonly DiagnosticDescriptor SagaStartedByWithoutStart = Create(
        RuleIdentifiers.SagaStartedByWithoutStart,
        title: "Event-started saga has no Start method",
        messageFormat: "{0}",
        DiagnosticCategories.Usage,
        DiagnosticSeverity.Error,
        description: "A saga with StartedBy = typeof(TEvent) is started once per such event, with the data that 'static TData Start(TEvent e)' makes from it. Without that method no saga can be started, so the generator emits nothing for the saga.");

    public static readonly DiagnosticDescriptor EventMissingFromJsonContext = Create(
        RuleIdentifiers.EventMissingFromJsonContext,
        title: "Event type missing from the application's JsonSerializerContext",
        messageFormat: "'{0}' is passed to EventSerializer.Create but has no [JsonSerializable(typeof({1}))]: writing or reading a '{1}' event would fail at run time",
        DiagnosticCategories.Usage,
        DiagnosticSeverity.Warning,
        description: "A serializer made with EventSerializer.Create takes every event's JSON metadata from the context and from nothing else. An [Event] type, or the source type of a typed upcaster, that the context does not list cannot be written or read: saving or loading it throws.",
        WellKnownDiagnosticTags.CompilationEnd);

    public static readonly DiagnosticDescriptor NoJsonContextForNativeAot = Create(
        RuleIdentifiers.NoJsonContextForNativeAot,
        title: "Native AOT or trimmed application passes no JsonSerializerContext",
        messageFormat: "This application publishes with {0} and declares {1} event type(s) but passes no JsonSerializerContext, so its event store fails at start-up; declare [JsonSourceGenerationOptions(JsonSerializerDefaults.Web)] [JsonSerializable(typeof({2}))] (one per event) partial class AppJsonContext : JsonSerializerContext, and pass it: EventStoreOptions.Serializer = EventSerializer.Create(AppJsonContext.Default)",
        DiagnosticCategories.Usage,
        DiagnosticSeverity.Warning,
        description: "A Native AOT or trimmed publish turns reflection-based JSON off, and the default event serializer needs it. Without a source-generated context the application builds but throws as soon as its event store builds its serializer.",
        WellKnownDiagnosticTags.CompilationEnd);

    public static readonly DiagnosticDescriptor GeneratedMemberMissingFromJsonContext = Create(
        RuleIdentifiers.GeneratedMemberMissingFromJsonContext,
        title: "Type of a published state's or snapshot's member missing from the application's JsonSerializerContext",
        messageFormat: "'{0}' is passed to EventSerializer.Create but has no JSON metadata for '{1}', the type of member '{2}' of {3}'s {4}: writing it would fail at run time; add [JsonSerializable(typeof({1}))]",
        DiagnosticCategories.Usage,
        DiagnosticSeverity.Warning,
        description: "Eventfold generates the JSON of a published state record and of an aggregate's snapshot itself, and writes each member's value through the metadata the store's serializer has: the application's context, then Eventfold's own (which serves the primitive types). A member type neither lists nor reaches through the properties of a type it lists cannot be written: the published state fails to save, and no snapshot is ever written.",
        WellKnownDiagnosticTags.CompilationEnd);

    private static DiagnosticDescriptor Create(
        string id,
        string title,
        string messageFormat,
        string category,
        DiagnosticSeverity severity,
        string description,
        params string[] customTags) =>
        new(
            id,
            title,
            messageFormat,
            category,
            severity,
            isEnabledByDefault: true,
            description: description,
            helpLinkUri: string.Format(System.Globalization.CultureInfo.InvariantCulture, HelpLinkFormat, id),
            customTags: customTags);
}

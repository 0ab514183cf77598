using Eventfold.Generators.Aggregates;

namespace Eventfold.Generators.Projections;

/// <summary>
/// One <c>[Projection]</c> class as the emitter needs it: where it is declared, its name, and its
/// accepted <c>On</c> methods ordered by event type, and the streams it declares may run at once.
/// </summary>
internal sealed record ProjectionSpec(
    string HintName,
    string Namespace,
    EquatableArray<ContainingTypeSpec> ContainingTypes,
    string Declaration,
    string Name,
    EquatableArray<string> HandledEventNames,
    EquatableArray<OnSpec> Handlers,
    int ParallelStreams);

/// <summary>One accepted <c>On</c> method: the event type it takes, how an integer dispatch keys it, which extra arguments, and what it returns.</summary>
internal readonly record struct OnSpec(string EventType, EventTypeKey Key, bool TakesContext, bool TakesToken, Eventfold.Compiler.OnReturn Returns);

namespace Eventfold.Compiler;

/// <summary>Why the generator leaves an <c>[Aggregate]</c> or <c>[Event]</c> type out; each kind has its own message.</summary>
internal enum InputProblemKind
{
    // An aggregate's declaration (EVF011).
    AggregateIsGeneric,
    AggregateIsNestedInGeneric,
    AggregateIsAbstract,
    AggregateIsStatic,
    AggregateIsNotAClass,

    // An aggregate's construction (EVF012, EVF013).
    AggregateHasNoParameterlessConstructor,
    AggregateHasRequiredMember,

    // A member the generator would add (EVF014).
    AggregateDeclaresGeneratedMember,
    AggregateInheritsGeneratedMember,

    // An event the registration cannot name (EVF015).
    EventIsGeneric,
    EventIsNotAccessible,
    EventIsFileLocal,
    EventIsStatic,

    // An attribute value (EVF016).
    EventVersionNotPositive,
    EventNameEmpty,
    AggregateCategoryEmpty,

    // A projection's declaration (EVF030).
    ProjectionIsNotAClass,
    ProjectionIsStatic,
    ProjectionIsAbstract,
    ProjectionIsGeneric,
    ProjectionNameEmpty,

    // A projection's attribute value (EVF031).
    ProjectionParallelStreamsBelowOne,
}

/// <summary>One reason an input is skipped, with the message that names the type and the mistake.</summary>
internal sealed record InputProblem(InputProblemKind Kind, string Message);

namespace Eventfold.Compiler;

/// <summary>Why the generator leaves a <c>[BoundedDispatcher]</c> class out; each kind has its own rule (EVF020 to EVF029).</summary>
internal enum DispatcherProblemKind
{
    CapacityBelowOne,
    WorkersBelowOne,
    MaxWorkersBelowWorkers,
    PerSecondNegative,
    NoHandleMethod,
    DuplicateHandle,
    KeyMethodShape,
    KeyMissing,
    IsStatic,
    IsGeneric,
    DeclaresGeneratedMember,
    InheritsGeneratedMember,
    OverflowUndefined,
    MessageLessAccessible,
}

/// <summary>One reason a dispatcher is skipped, with the message that names the class and the mistake.</summary>
internal sealed record DispatcherProblem(DispatcherProblemKind Kind, string Message);

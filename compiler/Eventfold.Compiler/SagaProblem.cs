namespace Eventfold.Compiler;

/// <summary>What is wrong with a <c>[Saga]</c> class; each kind belongs to one rule.</summary>
internal enum SagaProblemKind
{
    /// <summary>EVF002 (warning): a step, not the last, with neither Compensate nor [NoCompensation].</summary>
    StepWithoutCompensation,

    /// <summary>EVF007: Compensate names no method of the saga.</summary>
    CompensationNotFound,

    /// <summary>EVF007: Compensate names a method of another shape, or a step.</summary>
    CompensationWrongShape,

    /// <summary>EVF008: a step method of a shape the generator cannot call.</summary>
    StepShape,

    /// <summary>EVF060: two steps with one order.</summary>
    DuplicateStepOrder,

    /// <summary>EVF061 (warning): the last step names a compensation, which can never run.</summary>
    CompensationOnLastStep,

    /// <summary>EVF062: a step or compensation without a CancellationToken parameter.</summary>
    MissingCancellationToken,

    /// <summary>EVF063 (warning): the data type is not an immutable record.</summary>
    DataNotImmutableRecord,

    /// <summary>EVF064: the saga class itself cannot be generated (static, abstract, generic, no name, no steps, a bad setting).</summary>
    CannotBeGenerated,

    /// <summary>EVF065: StartedBy names a type without a matching static Start method.</summary>
    StartedByWithoutStart,
}

/// <summary>One problem of a saga, with the message that names the saga, the method and the fix.</summary>
internal sealed record SagaProblem(SagaProblemKind Kind, string Message)
{
    /// <summary>Whether the generator still emits the saga (a warning) or leaves it out (an error).</summary>
    public bool IsWarning => Kind is SagaProblemKind.StepWithoutCompensation or SagaProblemKind.CompensationOnLastStep or SagaProblemKind.DataNotImmutableRecord;
}

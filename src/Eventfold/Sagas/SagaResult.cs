namespace Eventfold;

/// <summary>
/// How a saga ended. <see cref="FailedStep"/> is the method name of the step that failed (null when the saga
/// completed); <see cref="Error"/> is its exception: the thrown one when this coordinator ran the step, a
/// <see cref="SagaStepException"/> rebuilt from the log otherwise. For <see cref="SagaStatus.CompensationFailed"/>,
/// <see cref="FailedCompensation"/> and <see cref="CompensationError"/> name the compensation that failed.
/// </summary>
public sealed record SagaResult(
    string SagaId,
    SagaStatus Status,
    string? FailedStep,
    Exception? Error,
    string? FailedCompensation = null,
    Exception? CompensationError = null);

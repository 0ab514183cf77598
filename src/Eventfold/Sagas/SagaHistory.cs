namespace Eventfold;

/// <summary>A saga as an operator sees it: where it is, how it failed, and its whole log.</summary>
public sealed record SagaHistory(
    string SagaId,
    string Stream,
    SagaState State,
    string? FailedStep,
    Exception? Error,
    string? FailedCompensation,
    Exception? CompensationError,
    IReadOnlyList<RecordedEvent> Log);

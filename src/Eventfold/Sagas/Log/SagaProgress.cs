using System.Text.Json;

namespace Eventfold;

/// <summary>
/// A saga's log folded into where it is: its state, the log's version (the next append expects it), the
/// data after each completed step (a compensation gets the data its step left), and how it failed.
/// </summary>
internal sealed class SagaProgress
{
    private readonly List<JsonElement> _dataAfterStep = new();

    public required string Saga { get; init; }

    public required string SagaId { get; init; }

    public long Version { get; private set; } = -1;

    /// <summary>The correlation and causation every entry of the log carries: those of what started the saga.</summary>
    public EventMetadata Metadata { get; set; } = EventMetadata.Empty;

    public SagaState State { get; private set; } = SagaState.Run(0);

    public JsonElement StartData { get; private set; }

    public string? FailedStep { get; private set; }

    public Exception? Error { get; set; }

    public string? FailedCompensation { get; private set; }

    public Exception? CompensationError { get; set; }

    /// <summary>Whether the log began with <see cref="SagaStarted"/> of this saga; a stream that does not is not this saga's.</summary>
    public bool IsStarted { get; private set; }

    /// <summary>The data the step at <see cref="SagaState.Step"/> receives: what the step before it left.</summary>
    public JsonElement CurrentData => _dataAfterStep.Count == 0 ? StartData : _dataAfterStep[^1];

    /// <summary>The data the step at <paramref name="step"/> left (its compensation receives it).</summary>
    public JsonElement DataAfter(int step) => _dataAfterStep[step];

    public SagaResult ToResult() => new(SagaId, State.Status, FailedStep, Error, FailedCompensation, CompensationError);

    /// <summary>Applies one entry of the log; <paramref name="transitions"/> is the saga's generated state machine.</summary>
    public void Apply(object entry, ISagaTransitions transitions)
    {
        Version++;
        switch (entry)
        {
            case SagaStarted started:
                IsStarted = started.Saga == Saga;
                StartData = started.Data;
                State = transitions.Steps.Count == 0 ? SagaState.Completed : SagaState.Run(0);
                break;
            case SagaStepCompleted completed:
                while (_dataAfterStep.Count > completed.Step)
                {
                    _dataAfterStep.RemoveAt(_dataAfterStep.Count - 1);
                }

                _dataAfterStep.Add(completed.Data);
                State = transitions.AfterStep(completed.Step);
                break;
            case SagaStepFailed failed:
                FailedStep = failed.Name;
                Error = new SagaStepException(Saga, SagaId, failed.Name, failed.ErrorType, failed.Error);
                State = transitions.AfterStepFailed(failed.Step);
                break;
            case SagaCompensationCompleted compensated:
                State = transitions.AfterCompensation(compensated.Step);
                break;
            case SagaCompensationFailed failed:
                FailedCompensation = failed.Name;
                FailedCompensationStep = failed.Step;
                CompensationError = new SagaStepException(Saga, SagaId, failed.Name, failed.ErrorType, failed.Error);
                State = SagaState.Compensate(failed.Step);
                break;
            case SagaEnded ended:
                State = ended.Status switch
                {
                    SagaStatus.Completed => SagaState.Completed,
                    SagaStatus.Compensated => SagaState.Compensated,
                    _ => SagaState.CompensationFailed,
                };
                break;
            case SagaRetried:
                // Back to the compensation that failed; it runs again.
                if (State.Phase == SagaPhase.CompensationFailed && FailedCompensationStep is { } step)
                {
                    State = SagaState.Compensate(step);
                    FailedCompensation = null;
                    CompensationError = null;
                }

                break;
        }
    }

    private int? FailedCompensationStep { get; set; }
}

/// <summary>A saga type's generated state machine, reached without its type parameter.</summary>
internal interface ISagaTransitions
{
    IReadOnlyList<SagaStepInfo> Steps { get; }

    SagaState AfterStep(int step);

    SagaState AfterStepFailed(int step);

    SagaState AfterCompensation(int step);
}

/// <summary>The transitions of <typeparamref name="TSaga"/>, through its static members.</summary>
internal sealed class SagaTransitions<TSaga, TData> : ISagaTransitions
    where TSaga : ISaga<TData>
    where TData : notnull
{
    public static SagaTransitions<TSaga, TData> Instance { get; } = new();

    public IReadOnlyList<SagaStepInfo> Steps => TSaga.Steps;

    public SagaState AfterStep(int step) => TSaga.AfterStep(step);

    public SagaState AfterStepFailed(int step) => TSaga.AfterStepFailed(step);

    public SagaState AfterCompensation(int step) => TSaga.AfterCompensation(step);
}

namespace Eventfold;

/// <summary>Where a saga is: running a step, compensating one, or ended.</summary>
public enum SagaPhase
{
    /// <summary><see cref="SagaState.Step"/> runs next.</summary>
    Running,

    /// <summary>The compensation of <see cref="SagaState.Step"/> runs next.</summary>
    Compensating,

    Completed,
    Compensated,
    CompensationFailed,
}

/// <summary>A state of a saga's state machine: a phase and, while running or compensating, the step's index.</summary>
public readonly record struct SagaState(SagaPhase Phase, int Step)
{
    public static SagaState Run(int step) => new(SagaPhase.Running, step);

    public static SagaState Compensate(int step) => new(SagaPhase.Compensating, step);

    public static SagaState Completed => new(SagaPhase.Completed, -1);

    public static SagaState Compensated => new(SagaPhase.Compensated, -1);

    public static SagaState CompensationFailed => new(SagaPhase.CompensationFailed, -1);

    public bool IsEnded => Phase >= SagaPhase.Completed;

    /// <summary>The status of an ended saga.</summary>
    public SagaStatus Status => Phase switch
    {
        SagaPhase.Completed => SagaStatus.Completed,
        SagaPhase.Compensated => SagaStatus.Compensated,
        SagaPhase.CompensationFailed => SagaStatus.CompensationFailed,
        _ => throw new InvalidOperationException($"A saga that is {Phase} at step {Step} has not ended."),
    };
}

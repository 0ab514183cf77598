namespace Eventfold;

/// <summary>
/// Implemented by the generator on every partial <c>[Saga]</c> class: its name, its steps in order, the
/// state machine's transitions, and direct calls to its step and compensation methods. A
/// <see cref="SagaCoordinator{TSaga, TData}"/> drives it; users do not implement it by hand.
/// </summary>
/// <typeparam name="TData">The data that flows from step to step.</typeparam>
public interface ISaga<TData>
    where TData : notnull
{
    /// <summary>The name given to <c>[Saga]</c>; a saga's log is the stream <c>saga-{name}-{id}</c>.</summary>
    static abstract string SagaName { get; }

    /// <summary>The steps in the order they run (ascending <c>[Step]</c> order); an index into this list names a step.</summary>
    static abstract IReadOnlyList<SagaStepInfo> Steps { get; }

    /// <summary>The generated state diagram (Mermaid <c>stateDiagram-v2</c>).</summary>
    static abstract string Diagram { get; }

    /// <summary>Where the saga goes when the step at <paramref name="step"/> completed: the next step, or Completed.</summary>
    static abstract SagaState AfterStep(int step);

    /// <summary>
    /// Where the saga goes when the step at <paramref name="step"/> failed for good: the compensation of the
    /// nearest earlier step that has one, or Compensated when none has.
    /// </summary>
    static abstract SagaState AfterStepFailed(int step);

    /// <summary>Where the saga goes when the compensation of the step at <paramref name="step"/> completed: the next earlier compensation, or Compensated.</summary>
    static abstract SagaState AfterCompensation(int step);

    /// <summary>The event type whose every occurrence starts one saga (<c>StartedBy</c>), or null.</summary>
    static virtual Type? StartedBy => null;

    /// <summary>The data a saga started by <paramref name="event"/> begins with (the saga's static <c>Start</c>).</summary>
    static virtual TData Start(object @event) =>
        throw new NotSupportedException("This saga is not started by an event: its [Saga] names no StartedBy type.");

    /// <summary>Runs the step at <paramref name="step"/>; returns the data the next step receives.</summary>
    ValueTask<TData> RunStepAsync(int step, TData data, CancellationToken ct);

    /// <summary>Runs the compensation of the step at <paramref name="step"/> (a step without one completes at once).</summary>
    Task CompensateAsync(int step, TData data, CancellationToken ct);
}

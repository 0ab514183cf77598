namespace Eventfold.Generators.Sagas;

/// <summary>
/// The saga's transitions, computed once from its steps, for the emitted switches and the diagram alike, so
/// the picture is the code. Indices are positions in <see cref="SagaSpec.Steps"/>; -1 means no step.
/// </summary>
internal static class SagaStateMachine
{
    /// <summary>The nearest step before <paramref name="index"/> that has a compensation, or -1 (then: Compensated).</summary>
    public static int CompensationBefore(SagaSpec spec, int index)
    {
        for (int i = index - 1; i >= 0; i--)
        {
            if (spec.Steps[i].HasCompensation)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Whether the step at <paramref name="index"/> has a compensation that can run (a later step may fail).</summary>
    public static bool CompensationCanRun(SagaSpec spec, int index) => spec.Steps[index].HasCompensation && index < spec.Steps.Count - 1;
}

using System.Text;

namespace Eventfold.Generators.Sagas;

/// <summary>
/// Draws the state machine as Mermaid <c>stateDiagram-v2</c>: a state per step and per compensation, forward
/// transitions, a "fails" transition from each step to the compensation it starts, compensations in reverse
/// order, and the terminal states Completed, Compensated and CompensationFailed.
/// </summary>
internal static class SagaDiagram
{
    public static string Draw(SagaSpec spec)
    {
        var d = new StringBuilder();
        d.Append("stateDiagram-v2\n");
        var steps = spec.Steps;
        d.Append("    [*] --> ").Append(Name(steps[0].Method)).Append('\n');
        for (int i = 0; i < steps.Count; i++)
        {
            string next = i + 1 < steps.Count ? Name(steps[i + 1].Method) : "Completed";
            d.Append("    ").Append(Name(steps[i].Method)).Append(" --> ").Append(next).Append('\n');
        }

        bool anyCompensation = false;
        for (int i = 0; i < steps.Count; i++)
        {
            int undo = SagaStateMachine.CompensationBefore(spec, i);
            d.Append("    ").Append(Name(steps[i].Method)).Append(" --> ").Append(undo < 0 ? "Compensated" : Name(steps[undo].Compensation)).Append(" : fails\n");
        }

        for (int i = steps.Count - 1; i >= 0; i--)
        {
            if (!SagaStateMachine.CompensationCanRun(spec, i))
            {
                continue;
            }

            anyCompensation = true;
            int undo = SagaStateMachine.CompensationBefore(spec, i);
            d.Append("    ").Append(Name(steps[i].Compensation)).Append(" --> ").Append(undo < 0 ? "Compensated" : Name(steps[undo].Compensation)).Append('\n');
            d.Append("    ").Append(Name(steps[i].Compensation)).Append(" --> CompensationFailed : fails\n");
        }

        d.Append("    Completed --> [*]\n");
        d.Append("    Compensated --> [*]\n");
        if (anyCompensation)
        {
            d.Append("    CompensationFailed --> [*]\n");
        }

        return d.ToString();
    }

    // '@' escapes a keyword in C#; the state is named as the method reads.
    private static string Name(string method) => method.TrimStart('@');
}

using Eventfold.Generators.Aggregates;

namespace Eventfold.Generators.Sagas;

/// <summary>
/// One <c>[Saga]</c> class as the emitter needs it: where it is declared, its name, the data type that flows
/// through its steps, its steps in order, and the event that starts it (empty for none).
/// </summary>
internal sealed record SagaSpec(
    string HintName,
    string Namespace,
    EquatableArray<ContainingTypeSpec> ContainingTypes,
    string Declaration,
    string Name,
    string DataType,
    EquatableArray<SagaStepSpec> Steps,
    string StartedBy);

/// <summary>One step: its method, order, compensation method (empty for none), settings, and whether it returns the next data.</summary>
internal readonly record struct SagaStepSpec(string Method, int Order, string Compensation, int Retries, int TimeoutSeconds, bool ReturnsData)
{
    public bool HasCompensation => Compensation.Length > 0;
}

namespace Eventfold;

/// <summary>One <c>[Step]</c> as declared: its method, order, compensation (null for none), retries and timeout (0: none).</summary>
public sealed record SagaStepInfo(string Name, int Order, string? Compensation, int Retries, int TimeoutSeconds)
{
    public bool HasCompensation => Compensation is not null;
}

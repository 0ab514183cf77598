namespace Eventfold;

/// <summary>Marks a saga step; steps run in ascending <paramref name="order"/>.</summary>
[AttributeUsage(AttributeTargets.Method, Inherited = false)]
public sealed class StepAttribute(int order) : Attribute
{
    public int Order { get; } = order;

    /// <summary>The name of the method that undoes this step when a later step fails.</summary>
    public string? Compensate { get; set; }

    /// <summary>How many times to retry the step after a failure before compensating.</summary>
    public int Retries { get; set; }

    /// <summary>How long one attempt may take; 0 means no timeout.</summary>
    public int TimeoutSeconds { get; set; }
}

namespace Eventfold;

public sealed partial record ProjectionRunnerOptions
{
    /// <summary>
    /// Set when several processes run this projection: only the runner holding the projection's lease handles
    /// events, the others wait and take over when it stops or dies. Null (the default): this runner is the only one.
    /// </summary>
    public ProjectionLeaseOptions? Lease { get; set; }
}

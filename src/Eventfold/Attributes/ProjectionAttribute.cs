namespace Eventfold;

/// <summary>Marks a partial class as a read-model projection; its <c>On</c> methods receive events.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class ProjectionAttribute(string name) : Attribute
{
    public string Name { get; } = name;

    /// <summary>
    /// Streams the projection's runner may handle at once (events of one stream always in order); 1, the default,
    /// handles the log strictly in order. Declare more only when the <c>On</c> methods are safe to run concurrently
    /// for different streams. <see cref="ProjectionRunnerOptions.ParallelStreams"/> overrides it. Below 1 is EVF031.
    /// </summary>
    public int ParallelStreams { get; set; } = 1;
}

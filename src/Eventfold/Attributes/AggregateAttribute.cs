namespace Eventfold;

/// <summary>
/// Marks a partial class as an event-sourced aggregate whose stream is <c>{category}-{id}</c>.
/// The generator adds <c>Id</c>, <c>Version</c>, <c>UncommittedEvents</c>, <c>Raise</c> and the
/// dispatch to its <c>Apply</c> methods.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class AggregateAttribute(string category) : Attribute
{
    public string Category { get; } = category;

    /// <summary>Take a snapshot every this many events; 0 (the default) takes none.</summary>
    public int SnapshotEvery { get; set; }
}

namespace Eventfold;

/// <summary>
/// Marks an immutable event type. <paramref name="name"/> is the stored name (default: the type name);
/// <see cref="Version"/> is its schema version (default 1). Only types marked with this attribute are
/// ever deserialized from a store.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, Inherited = false)]
public sealed class EventAttribute(string? name = null) : Attribute
{
    public string? Name { get; } = name;

    public int Version { get; set; } = 1;
}

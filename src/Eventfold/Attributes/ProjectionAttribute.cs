namespace Eventfold;

/// <summary>Marks a partial class as a read-model projection; its <c>On</c> methods receive events.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class ProjectionAttribute(string name) : Attribute
{
    public string Name { get; } = name;
}

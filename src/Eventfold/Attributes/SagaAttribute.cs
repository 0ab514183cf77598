namespace Eventfold;

/// <summary>Marks a partial class as a saga whose progress is kept in streams <c>saga-{name}-{id}</c>.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class SagaAttribute(string name) : Attribute
{
    public string Name { get; } = name;
}

namespace Eventfold;

/// <summary>Marks a partial record as a consumer's local copy of the state published under <paramref name="stateName"/>.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class StateReplicaAttribute(string stateName) : Attribute
{
    public string StateName { get; } = stateName;
}

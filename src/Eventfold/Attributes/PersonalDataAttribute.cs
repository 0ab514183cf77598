namespace Eventfold;

/// <summary>Marks a member that holds personal data; analyzers keep it out of published state.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field | AttributeTargets.Parameter, Inherited = false)]
public sealed class PersonalDataAttribute : Attribute
{
}

namespace Eventfold;

/// <summary>Keeps a member of a <see cref="PublishesStateAttribute"/> aggregate out of its published state.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field, Inherited = false)]
public sealed class NotPublishedAttribute : Attribute
{
}

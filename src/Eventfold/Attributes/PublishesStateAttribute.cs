namespace Eventfold;

/// <summary>
/// On an aggregate: after each save, publish its public state as an event to stream
/// <c>{category}.state-{id}</c> (event-carried state transfer).
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class PublishesStateAttribute : Attribute
{
}

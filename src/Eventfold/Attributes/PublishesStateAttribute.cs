namespace Eventfold;

/// <summary>
/// On an aggregate: after each save, publish its public state as an event to stream
/// <c>{category}.state-{id}</c> (event-carried state transfer).
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class PublishesStateAttribute : Attribute
{
    /// <summary>
    /// The schema version of the generated state event (default 1). Raise it when the published members
    /// change, and keep the older shape readable with an <see cref="UpcasterAttribute"/>, as for any event.
    /// </summary>
    public int Version { get; set; } = 1;
}

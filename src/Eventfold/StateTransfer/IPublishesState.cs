namespace Eventfold;

/// <summary>
/// What the generator implements on a <see cref="PublishesStateAttribute"/> aggregate: its public state as
/// the generated <c>{Aggregate}State</c> event. Users do not implement it by hand.
/// </summary>
public interface IPublishesState
{
    /// <summary>The state as it is now, at the aggregate's current version.</summary>
    IPublishedState CaptureState();
}

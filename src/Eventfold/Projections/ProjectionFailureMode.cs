namespace Eventfold;

/// <summary>What a projection runner does with an event whose handler still fails after its retries.</summary>
public enum ProjectionFailureMode
{
    /// <summary>Park it (see <see cref="IParkedEventStore"/>) and go on with the next event.</summary>
    Park,

    /// <summary>Stop the runner with the checkpoint left before the event, so the next run tries it again.</summary>
    Stop,
}

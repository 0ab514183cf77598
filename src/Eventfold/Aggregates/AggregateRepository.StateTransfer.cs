namespace Eventfold;

public sealed partial class AggregateRepository<T>
{
    /// <summary>
    /// Appends the saved state to <c>{category}.state-{id}</c>. The save has already succeeded, so a failure
    /// here is not the caller's: it is counted (<c>eventfold.state.publish_failures</c>) and left to the state
    /// publisher, which follows the aggregate streams and publishes any state the log is ahead of.
    /// </summary>
    private async Task PublishStateAsync(IPublishesState publisher, string stream)
    {
        try
        {
            var state = publisher.CaptureState();
            await StatePublication.AppendAsync(_store, T.Category, stream, state, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            StatePublication.CountFailure(T.Category, ex);
        }
    }
}

using System.Diagnostics.Metrics;

namespace Eventfold;

/// <summary>The one way published state is written, shared by the repository's save and the state publisher.</summary>
internal static class StatePublication
{
    private static readonly Counter<long> PublishFailures =
        EventfoldMetrics.Meter.CreateCounter<long>("eventfold.state.publish_failures", unit: "{state}", description: "States a save could not publish; the state publisher publishes them from the log.");

    private static readonly Counter<long> Published =
        EventfoldMetrics.Meter.CreateCounter<long>("eventfold.state.published", unit: "{state}", description: "States appended to their state streams, by who published them (save, publisher).");

    private static readonly Counter<long> GapFills =
        EventfoldMetrics.Meter.CreateCounter<long>("eventfold.state.gap_fills", unit: "{state}", description: "States the state publisher published from the log because no save had.");

    /// <summary>
    /// Appends <paramref name="state"/> to its state stream under the id derived from the aggregate's stream and
    /// version, at any place: a state already published (by the save or by the publisher) is recognised by
    /// the store as a retry and written once. <c>byPublisher</c> is true when the state publisher fills a gap a
    /// save left (counted as a gap fill), false for the save itself.
    /// </summary>
    /// <remarks>
    /// On a store that can (<see cref="IStreamTruncation"/>), the state stream is kept to its newest
    /// <see cref="StateStreams.KeptStates"/>: the limit is set with the stream's first state, and set again every
    /// <see cref="StateStreams.LimitEvery"/> states, for streams published before there was one.
    /// </remarks>
    public static async Task<AppendResult> AppendAsync(IEventStore store, string category, string aggregateStream, IPublishedState state, CancellationToken ct, bool byPublisher = false)
    {
        var data = new EventData(state, StateStreams.EventIdFor(aggregateStream, state.Version), EventMetadata.Empty);
        string stateStream = StateStreams.StreamFor(category, state.Id);
        var result = await store.AppendAsync(stateStream, ExpectedVersion.Any, [data], ct).ConfigureAwait(false);
        if (store is IStreamTruncation truncation && result.NextExpectedVersion % StateStreams.LimitEvery == 0)
        {
            await truncation.SetStreamMaxCountAsync(stateStream, StateStreams.KeptStates, ct).ConfigureAwait(false);
        }

        if (Published.Enabled)
        {
            Published.Add(1, new KeyValuePair<string, object?>("category", category), new KeyValuePair<string, object?>("source", byPublisher ? "publisher" : "save"));
        }

        if (byPublisher)
        {
            GapFills.Add(1, new KeyValuePair<string, object?>("category", category));
        }

        return result;
    }

    public static void CountFailure(string category, Exception error) =>
        PublishFailures.Add(1, new KeyValuePair<string, object?>("category", category), new KeyValuePair<string, object?>("error.type", error.GetType().Name));
}

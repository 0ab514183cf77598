namespace Eventfold.EventStoreDb;

/// <summary>The node is not the leader the call requires; the connection moves to <see cref="Leader"/> and retries.</summary>
internal sealed class NotLeaderException(EndPoint from, EndPoint? leader)
    : Exception($"Node {from} is not the leader{(leader is null ? "" : $"; the leader is {leader}")}.")
{
    public EndPoint? Leader { get; } = leader;
}

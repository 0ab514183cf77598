namespace Eventfold.EventStoreDb;

/// <summary>Opens a gRPC channel to one node. Tests pass a fake to play a cluster without a server.</summary>
internal interface IChannelFactory
{
    NodeChannel Open(EndPoint endPoint);
}

using Grpc.Core;

namespace Eventfold.EventStoreDb;

/// <summary>Opens a gRPC channel to one node. Tests pass a fake to play a cluster without a server.</summary>
internal interface IChannelFactory
{
    NodeChannel Open(EndPoint endPoint);
}

/// <summary>A channel to one node: its call invoker and what to dispose when the node is dropped.</summary>
internal sealed class NodeChannel(EndPoint endPoint, CallInvoker invoker, IDisposable? owner = null) : IDisposable
{
    public EndPoint EndPoint { get; } = endPoint;

    public CallInvoker Invoker { get; } = invoker;

    public void Dispose() => owner?.Dispose();
}

using Grpc.Core;

namespace Eventfold.EventStoreDb;

/// <summary>Opens a gRPC channel to one node. Tests pass a fake to play a cluster without a server.</summary>
internal interface IChannelFactory
{
    NodeChannel Open(EndPoint endPoint);
}

/// <summary>A channel to one node: its call invoker, its shared batch append call, and what to dispose when the node is dropped.</summary>
internal sealed class NodeChannel(EndPoint endPoint, CallInvoker invoker, IDisposable? owner = null) : IDisposable
{
    private readonly Lock _gate = new();
    private BatchAppender? _batch;

    public EndPoint EndPoint { get; } = endPoint;

    public CallInvoker Invoker { get; } = invoker;

    /// <summary>False once the node answered that it has no BatchAppend (servers before 21.10): appends then use Append.</summary>
    public bool SupportsBatchAppend { get; set; } = true;

    /// <summary>The node's batch append call, opened (again, after a failure) when needed.</summary>
    public BatchAppender BatchAppender(CallOptions options)
    {
        lock (_gate)
        {
            if (_batch is null || _batch.IsBroken)
            {
                _batch?.Dispose();
                _batch = new BatchAppender(Invoker, options);
            }

            return _batch;
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _batch?.Dispose();
            _batch = null;
        }

        owner?.Dispose();
    }
}

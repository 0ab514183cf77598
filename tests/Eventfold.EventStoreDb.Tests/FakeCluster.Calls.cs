using Eventfold.EventStoreDb.Protocol.Streams;
using Grpc.Core;

namespace Eventfold.EventStoreDb.Tests;

/// <summary>The fake's channels and calls: what a gRPC client sees of the cluster.</summary>
internal sealed partial class FakeCluster
{
    /// <summary>Plays a GrpcChannel's disposal: the calls on it end with Cancelled, and a new call throws ObjectDisposedException.</summary>
    private sealed class FakeChannel(FakeCluster cluster) : IDisposable
    {
        private readonly CancellationTokenSource _closed = new();

        public CancellationToken Closed => _closed.Token;

        public void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(_closed.IsCancellationRequested, typeof(Grpc.Net.Client.GrpcChannel));

        public void Dispose()
        {
            if (!_closed.IsCancellationRequested)
            {
                Interlocked.Increment(ref cluster._disposedChannels);
                _closed.Cancel();
            }
        }
    }

    private sealed class Invoker(FakeCluster cluster, EndPoint endPoint, FakeChannel channel) : CallInvoker
    {
        public override TResponse BlockingUnaryCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options, TRequest request) =>
            throw new NotSupportedException();

        public override AsyncUnaryCall<TResponse> AsyncUnaryCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options, TRequest request)
        {
            channel.ThrowIfDisposed();
            Task<TResponse> response;
            try
            {
                cluster.Check(endPoint, $"{method.Name}.{method.ServiceName.Split('.')[^1]}", options);
                response = Task.FromResult((TResponse)(object)cluster.Gossip());
            }
            catch (RpcException ex)
            {
                response = Task.FromException<TResponse>(ex);
            }

            return new AsyncUnaryCall<TResponse>(response, Task.FromResult(new Metadata()), () => Status.DefaultSuccess, () => [], () => { });
        }

        public override AsyncClientStreamingCall<TRequest, TResponse> AsyncClientStreamingCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options)
        {
            channel.ThrowIfDisposed();
            var writer = new Writer<TRequest>();
            var response = writer.Completed.ContinueWith(
                _ =>
                {
                    cluster.Check(endPoint, method.Name, options);
                    var requests = writer.Messages.Cast<AppendReq>().ToList();
                    var hook = Interlocked.Exchange(ref cluster._beforeNextAppend, null);
                    hook?.Invoke(requests[0].Options.StreamIdentifier.StreamName.ToStringUtf8());
                    return (TResponse)(object)cluster.Append(requests);
                },
                TaskScheduler.Default);
            return new AsyncClientStreamingCall<TRequest, TResponse>(writer, response, Task.FromResult(new Metadata()), () => Status.DefaultSuccess, () => [], () => { });
        }

        public override AsyncServerStreamingCall<TResponse> AsyncServerStreamingCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options, TRequest request)
        {
            channel.ThrowIfDisposed();
            var node = cluster.Nodes[endPoint];
            var read = (ReadReq)(object)request!;
            bool subscription = read.Options.CountOptionCase == ReadReq.Types.Options.CountOptionOneofCase.Subscription;
            var reader = new Reader<TResponse>(
                () =>
                {
                    cluster.Check(endPoint, method.Name, options);
                    lock (cluster._gate)
                    {
                        cluster.ReadRequests.Add(read);
                    }

                    return cluster.Read(read, node).Cast<TResponse>().ToList();
                },
                subscription,
                node,
                options,
                channel.Closed);
            return new AsyncServerStreamingCall<TResponse>(reader, Task.FromResult(new Metadata()), () => Status.DefaultSuccess, () => [], () => { });
        }

        public override AsyncDuplexStreamingCall<TRequest, TResponse> AsyncDuplexStreamingCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options)
        {
            channel.ThrowIfDisposed();
            var node = cluster.Nodes[endPoint];
            if (!node.SupportsBatchAppend)
            {
                lock (cluster._gate)
                {
                    cluster.Calls.Add((endPoint, method.Name));
                }

                throw new RpcException(new Status(StatusCode.Unimplemented, $"{method.FullName} is not implemented"));
            }

            var call = new BatchCall(cluster, endPoint, node, options, channel.Closed);
            return new AsyncDuplexStreamingCall<TRequest, TResponse>(
                (IClientStreamWriter<TRequest>)(object)call,
                (IAsyncStreamReader<TResponse>)(object)call,
                Task.FromResult(new Metadata()),
                () => Status.DefaultSuccess,
                () => [],
                call.Dispose);
        }
    }

    private sealed class Writer<T> : IClientStreamWriter<T>
    {
        private readonly TaskCompletionSource _completed = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public List<T> Messages { get; } = [];

        public Task Completed => _completed.Task;

        public WriteOptions? WriteOptions { get; set; }

        public Task CompleteAsync()
        {
            _completed.TrySetResult();
            return Task.CompletedTask;
        }

        public Task WriteAsync(T message)
        {
            Messages.Add(message);
            return Task.CompletedTask;
        }
    }

    /// <summary>
    /// Answers from a snapshot taken at the first read; a subscription then waits until cancelled or
    /// dropped. Keeps the call's deadline as gRPC does: past it, the next answer is DeadlineExceeded.
    /// </summary>
    private sealed class Reader<T>(Func<List<T>> answer, bool subscription, NodeState node, CallOptions options, CancellationToken channelClosed) : IAsyncStreamReader<T>
    {
        private List<T>? _items;
        private int _index = -1;
        private int? _failAfter;
        private readonly Task _dropped = node.Dropped;

        public T Current => _items![_index];

        public async Task<bool> MoveNext(CancellationToken cancellationToken)
        {
            using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, options.CancellationToken, channelClosed);
            if (options.Deadline is { } deadline && deadline != DateTime.MaxValue)
            {
                var left = deadline - DateTime.UtcNow;
                if (left <= TimeSpan.Zero)
                {
                    throw new RpcException(new Status(StatusCode.DeadlineExceeded, "Deadline Exceeded"));
                }

                wait.CancelAfter(left);
            }

            try
            {
                if (_items is null)
                {
                    if (node.HoldFirstResponse is { } hold)
                    {
                        await hold.Task.WaitAsync(wait.Token).ConfigureAwait(false);
                    }

                    _items = answer();
                    _failAfter = node.FailNextReadAfter;
                    node.FailNextReadAfter = null;
                }

                if (_failAfter is { } limit && _index + 1 >= limit)
                {
                    throw new RpcException(new Status(StatusCode.Unavailable, "connection reset mid-way"));
                }

                if (++_index < _items.Count)
                {
                    return true;
                }

                if (subscription)
                {
                    await _dropped.WaitAsync(wait.Token).ConfigureAwait(false);
                    throw new RpcException(new Status(StatusCode.Unavailable, "connection lost"));
                }

                return false;
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested && !options.CancellationToken.IsCancellationRequested)
            {
                throw channelClosed.IsCancellationRequested
                    ? new RpcException(new Status(StatusCode.Cancelled, "gRPC call disposed."))
                    : new RpcException(new Status(StatusCode.DeadlineExceeded, "Deadline Exceeded"));
            }
            catch (OperationCanceledException)
            {
                throw new RpcException(new Status(StatusCode.Cancelled, "Call canceled by the client."));
            }
        }
    }
}

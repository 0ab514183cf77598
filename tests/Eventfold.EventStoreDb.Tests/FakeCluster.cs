using Eventfold.EventStoreDb.Mapping;
using Eventfold.EventStoreDb.Protocol;
using Eventfold.EventStoreDb.Protocol.Gossip;
using Eventfold.EventStoreDb.Protocol.Streams;
using Grpc.Core;
using State = Eventfold.EventStoreDb.Protocol.Gossip.MemberInfo.Types.VNodeState;
using WireEvent = Eventfold.EventStoreDb.Protocol.Streams.ReadResp.Types.ReadEvent.Types.RecordedEvent;

namespace Eventfold.EventStoreDb.Tests;

/// <summary>
/// A pretend EventStoreDB cluster behind fake call invokers: it answers gossip, appends (with
/// expected-version checks) and reads of streams, so the adapter's connection logic is tested without
/// a server. Nodes can go down, lose leadership or refuse as a follower does.
/// </summary>
internal sealed class FakeCluster : IChannelFactory
{
    private readonly Lock _gate = new();
    private readonly List<WireEvent> _log = [];

    public FakeCluster(params string[] hosts)
    {
        foreach (var host in hosts)
        {
            Nodes[new EndPoint(host, 2113)] = new NodeState();
        }

        Nodes.Values.First().State = State.Leader;
    }

    public Dictionary<EndPoint, NodeState> Nodes { get; } = [];

    /// <summary>Every node a channel was opened to, in order.</summary>
    public List<EndPoint> Opened { get; } = [];

    public List<(EndPoint Node, string Method)> Calls { get; } = [];

    /// <summary>The headers and deadline of every call, in order.</summary>
    public List<(string Method, Metadata? Headers, DateTime? Deadline)> Sent { get; } = [];

    public NodeState this[string host] => Nodes[new EndPoint(host, 2113)];

    /// <summary>Runs once, with the stream's name, just before the next append is applied: a competing writer's moment.</summary>
    public Action<string>? BeforeNextAppend
    {
        get => Volatile.Read(ref _beforeNextAppend);
        set => Volatile.Write(ref _beforeNextAppend, value);
    }

    private Action<string>? _beforeNextAppend;

    /// <summary>Every event appended, in order.</summary>
    public IReadOnlyList<WireEvent> Log
    {
        get
        {
            lock (_gate)
            {
                return [.. _log];
            }
        }
    }

    public void MakeLeader(string host)
    {
        foreach (var node in Nodes.Values)
        {
            node.State = node.State == State.Leader ? State.Follower : node.State;
        }

        this[host].State = State.Leader;
    }

    public NodeChannel Open(EndPoint endPoint)
    {
        lock (_gate)
        {
            Opened.Add(endPoint);
        }

        return new NodeChannel(endPoint, new Invoker(this, endPoint));
    }

    internal sealed class NodeState
    {
        public State State { get; set; } = State.Follower;

        public bool Down { get; set; }

        /// <summary>Answer Unavailable this many more times, then serve again.</summary>
        public int FailNextCalls { get; set; }

        private TaskCompletionSource _dropped = new(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>Completes when the node drops its live subscriptions.</summary>
        public Task Dropped => Volatile.Read(ref _dropped).Task;

        /// <summary>Ends every live subscription on this node as a lost connection does.</summary>
        public void DropSubscriptions() =>
            Interlocked.Exchange(ref _dropped, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
    }

    private ClusterInfo Gossip()
    {
        var info = new ClusterInfo();
        foreach (var (endPoint, node) in Nodes)
        {
            info.Members.Add(new MemberInfo { State = node.State, IsAlive = !node.Down, HttpEndPoint = new Protocol.Gossip.EndPoint { Address = endPoint.Host, Port = (uint)endPoint.Port } });
        }

        return info;
    }

    private void Check(EndPoint endPoint, string method, CallOptions options)
    {
        var node = Nodes.TryGetValue(endPoint, out var n) ? n : null;
        lock (_gate)
        {
            Calls.Add((endPoint, method));
            Sent.Add((method, options.Headers, options.Deadline));
        }

        if (node is null || node.Down)
        {
            throw new RpcException(new Status(StatusCode.Unavailable, $"connection refused ({endPoint})"));
        }

        if (node.FailNextCalls > 0)
        {
            node.FailNextCalls--;
            throw new RpcException(new Status(StatusCode.Unavailable, "connection reset"));
        }

        bool requiresLeader = options.Headers?.GetValue("requires-leader") == "true";
        if (method != "Read.Gossip" && requiresLeader && node.State != State.Leader)
        {
            var leader = Nodes.FirstOrDefault(p => p.Value.State == State.Leader && !p.Value.Down).Key;
            var trailers = new Metadata { { "exception", "not-leader" } };
            if (leader is not null)
            {
                trailers.Add("leader-endpoint-host", leader.Host);
                trailers.Add("leader-endpoint-port", leader.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }

            throw new RpcException(new Status(StatusCode.NotFound, "Leader info available"), trailers);
        }
    }

    private AppendResp Append(List<AppendReq> requests)
    {
        var options = requests[0].Options;
        string stream = options.StreamIdentifier.StreamName.ToStringUtf8();
        lock (_gate)
        {
            long current = _log.Where(e => e.StreamIdentifier.StreamName.ToStringUtf8() == stream).Select(e => (long)e.StreamRevision).DefaultIfEmpty(-1).Max();
            bool ok = options.ExpectedStreamRevisionCase switch
            {
                AppendReq.Types.Options.ExpectedStreamRevisionOneofCase.Any => true,
                AppendReq.Types.Options.ExpectedStreamRevisionOneofCase.NoStream => current == -1,
                AppendReq.Types.Options.ExpectedStreamRevisionOneofCase.StreamExists => current >= 0,
                _ => (long)options.Revision == current,
            };
            if (!ok)
            {
                var wrong = new AppendResp.Types.WrongExpectedVersion();
                if (current >= 0)
                {
                    wrong.CurrentRevision = (ulong)current;
                }
                else
                {
                    wrong.CurrentNoStream = new Empty();
                }

                return new AppendResp { WrongExpectedVersion = wrong };
            }

            foreach (var proposed in requests.Skip(1).Select(r => r.ProposedMessage))
            {
                ulong position = (ulong)(_log.Count + 1) * 100;
                var e = new WireEvent
                {
                    Id = proposed.Id,
                    StreamIdentifier = options.StreamIdentifier,
                    StreamRevision = (ulong)++current,
                    CommitPosition = position,
                    PreparePosition = position,
                    Data = proposed.Data,
                    CustomMetadata = proposed.CustomMetadata,
                };
                e.Metadata.Add(proposed.Metadata);
                e.Metadata["created"] = "0";
                _log.Add(e);
            }

            var success = new AppendResp.Types.Success();
            if (current >= 0)
            {
                success.CurrentRevision = (ulong)current;
            }
            else
            {
                success.NoStream = new Empty();
            }

            success.Position = new AppendResp.Types.Position { CommitPosition = (ulong)_log.Count * 100, PreparePosition = (ulong)_log.Count * 100 };
            return new AppendResp { Success = success };
        }
    }

    private List<ReadResp> Read(ReadReq request)
    {
        var o = request.Options;
        lock (_gate)
        {
            IEnumerable<WireEvent> events;
            if (o.StreamOptionCase == ReadReq.Types.Options.StreamOptionOneofCase.Stream)
            {
                string stream = o.Stream.StreamIdentifier.StreamName.ToStringUtf8();
                var all = _log.Where(e => e.StreamIdentifier.StreamName.ToStringUtf8() == stream).ToList();
                if (all.Count == 0)
                {
                    return [new ReadResp { StreamNotFound = new ReadResp.Types.StreamNotFound { StreamIdentifier = o.Stream.StreamIdentifier } }];
                }

                bool subscription = o.CountOptionCase == ReadReq.Types.Options.CountOptionOneofCase.Subscription;
                bool forwards = o.ReadDirection == ReadReq.Types.Options.Types.ReadDirection.Forwards;
                events = o.Stream.RevisionOptionCase switch
                {
                    ReadReq.Types.Options.Types.StreamOptions.RevisionOptionOneofCase.Revision when subscription => all.Where(e => e.StreamRevision > o.Stream.Revision),
                    ReadReq.Types.Options.Types.StreamOptions.RevisionOptionOneofCase.Revision when forwards => all.Where(e => e.StreamRevision >= o.Stream.Revision),
                    ReadReq.Types.Options.Types.StreamOptions.RevisionOptionOneofCase.Revision => all.Where(e => e.StreamRevision <= o.Stream.Revision).Reverse(),
                    _ => forwards ? all : Enumerable.Reverse(all),
                };
            }
            else
            {
                var from = o.All.AllOptionCase == ReadReq.Types.Options.Types.AllOptions.AllOptionOneofCase.Position ? o.All.Position.CommitPosition : 0;
                events = _log.Where(e => e.CommitPosition >= from);
            }

            if (o.CountOptionCase == ReadReq.Types.Options.CountOptionOneofCase.Count)
            {
                events = events.Take((int)Math.Min(o.Count, int.MaxValue));
            }

            return events.Select(e => new ReadResp { Event = new ReadResp.Types.ReadEvent { Event = e, CommitPosition = e.CommitPosition } }).ToList();
        }
    }

    private sealed class Invoker(FakeCluster cluster, EndPoint endPoint) : CallInvoker
    {
        public override TResponse BlockingUnaryCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options, TRequest request) =>
            throw new NotSupportedException();

        public override AsyncUnaryCall<TResponse> AsyncUnaryCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options, TRequest request)
        {
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
            var reader = new Reader<TResponse>(() =>
            {
                cluster.Check(endPoint, method.Name, options);
                var request1 = (ReadReq)(object)request!;
                return cluster.Read(request1).Cast<TResponse>().ToList();
            }, ((ReadReq)(object)request!).Options.CountOptionCase == ReadReq.Types.Options.CountOptionOneofCase.Subscription, cluster.Nodes[endPoint].Dropped);
            return new AsyncServerStreamingCall<TResponse>(reader, Task.FromResult(new Metadata()), () => Status.DefaultSuccess, () => [], () => { });
        }

        // The fake plays a server before 21.10, without BatchAppend, so appends fall back to Append.
        public override AsyncDuplexStreamingCall<TRequest, TResponse> AsyncDuplexStreamingCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options)
        {
            lock (cluster._gate)
            {
                cluster.Calls.Add((endPoint, method.Name));
            }

            throw new RpcException(new Status(StatusCode.Unimplemented, $"{method.FullName} is not implemented"));
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

    /// <summary>Answers from a snapshot taken at the first read; a subscription then waits until cancelled or dropped.</summary>
    private sealed class Reader<T>(Func<List<T>> answer, bool subscription, Task dropped) : IAsyncStreamReader<T>
    {
        private List<T>? _items;
        private int _index = -1;

        public T Current => _items![_index];

        public async Task<bool> MoveNext(CancellationToken cancellationToken)
        {
            _items ??= answer();
            if (++_index < _items.Count)
            {
                return true;
            }

            if (subscription)
            {
                await dropped.WaitAsync(cancellationToken).ConfigureAwait(false);
                throw new RpcException(new Status(StatusCode.Unavailable, "connection lost"));
            }

            return false;
        }
    }
}

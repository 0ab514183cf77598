using Eventfold.EventStoreDb.Mapping;
using Eventfold.EventStoreDb.Protocol;
using Eventfold.EventStoreDb.Protocol.Gossip;
using Eventfold.EventStoreDb.Protocol.Streams;
using Grpc.Core;
using State = Eventfold.EventStoreDb.Protocol.Gossip.MemberInfo.Types.VNodeState;
using WireEvent = Eventfold.EventStoreDb.Protocol.Streams.ReadResp.Types.ReadEvent.Types.RecordedEvent;

namespace Eventfold.EventStoreDb.Tests;

/// <summary>
/// A pretend EventStoreDB cluster behind fake call invokers: it answers gossip, appends (BatchAppend,
/// or Append on a node that plays a server before 21.10, with expected-version checks), reads and
/// subscriptions, so the adapter's connection logic is tested without a server. Nodes can go down,
/// lose leadership, refuse as a follower does, be too busy, stall, or break calls mid-way; channels
/// behave as gRPC channels do when disposed (calls on them end, new calls throw).
/// </summary>
internal sealed partial class FakeCluster : IChannelFactory
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

    /// <summary>How many channels were opened so far, read under the lock the openings take.</summary>
    public int OpenedCount
    {
        get
        {
            lock (_gate)
            {
                return Opened.Count;
            }
        }
    }

    public List<(EndPoint Node, string Method)> Calls { get; } = [];

    /// <summary>The headers and deadline of every call (of every batch append message), in order.</summary>
    public List<(string Method, Metadata? Headers, DateTime? Deadline)> Sent { get; } = [];

    /// <summary>Every read and subscription request a node served, in order.</summary>
    public List<ReadReq> ReadRequests { get; } = [];

    /// <summary>When each call (each batch append message) reached its node, in order.</summary>
    public List<(string Method, DateTime At)> Times { get; } = [];

    /// <summary>How many channels the adapter has disposed.</summary>
    public int DisposedChannels => Volatile.Read(ref _disposedChannels);

    private int _disposedChannels;

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

        var channel = new FakeChannel(this);
        return new NodeChannel(endPoint, new Invoker(this, endPoint, channel), channel);
    }

    internal sealed class NodeState
    {
        public State State { get; set; } = State.Follower;

        public bool Down { get; set; }

        /// <summary>Answer Unavailable this many more times, then serve again.</summary>
        public int FailNextCalls { get; set; }

        /// <summary>Answer as an overloaded EventStoreDB does ("Server Is Too Busy"; "Server Is Busy" to a batch append) this many more times.</summary>
        public int BusyNextCalls { get; set; }

        /// <summary>False plays a server before 21.10: BatchAppend is Unimplemented, appends use Append.</summary>
        public bool SupportsBatchAppend { get; set; } = true;

        /// <summary>A subscription to $all on this node sends a checkpoint at this commit position after its catch-up events.</summary>
        public ulong? CheckpointAt { get; set; }

        /// <summary>The next read or subscription on this node fails with Unavailable after this many answers.</summary>
        public int? FailNextReadAfter { get; set; }

        /// <summary>While set and not completed, reads and subscriptions on this node wait before their first answer.</summary>
        public TaskCompletionSource? HoldFirstResponse { get; set; }

        /// <summary>The next batch append is not applied and is answered with a correlation id that is not a UUID.</summary>
        public bool GarbleNextBatchAnswer { get; set; }

        /// <summary>While set and not completed, batch appends are applied but not answered.</summary>
        public TaskCompletionSource? HoldBatchAnswers { get; set; }

        private TaskCompletionSource _dropped = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private TaskCompletionSource _batchBroken = new(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>Completes when the node drops its live subscriptions.</summary>
        public Task Dropped => Volatile.Read(ref _dropped).Task;

        /// <summary>Completes when the node breaks its batch append calls.</summary>
        public Task BatchBroken => Volatile.Read(ref _batchBroken).Task;

        /// <summary>Ends every live subscription on this node as a lost connection does.</summary>
        public void DropSubscriptions() =>
            Interlocked.Exchange(ref _dropped, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();

        /// <summary>Ends every batch append call on this node as a lost connection does.</summary>
        public void BreakBatchCalls() =>
            Interlocked.Exchange(ref _batchBroken, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
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

    /// <summary>Records the call and throws what the node would answer instead of serving it; true when the node is too busy and the caller answers so itself.</summary>
    private bool Check(EndPoint endPoint, string method, CallOptions options, DateTime? deadline = null, bool answersBusy = false)
    {
        var node = Nodes.TryGetValue(endPoint, out var n) ? n : null;
        lock (_gate)
        {
            Calls.Add((endPoint, method));
            Sent.Add((method, options.Headers, deadline ?? options.Deadline));
            Times.Add((method, DateTime.UtcNow));
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

        if (method != "Read.Gossip" && node.BusyNextCalls > 0)
        {
            node.BusyNextCalls--;
            return answersBusy ? true : throw new RpcException(new Status(StatusCode.Unavailable, "Server Is Too Busy"));
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

        return false;
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

    private List<ReadResp> Read(ReadReq request, NodeState node)
    {
        var o = request.Options;
        bool subscription = o.CountOptionCase == ReadReq.Types.Options.CountOptionOneofCase.Subscription;
        var answers = subscription ? [new ReadResp { Confirmation = new ReadResp.Types.SubscriptionConfirmation { SubscriptionId = Guid.NewGuid().ToString() } }] : new List<ReadResp>();
        answers.AddRange(ReadEvents(request));
        if (subscription && o.StreamOptionCase == ReadReq.Types.Options.StreamOptionOneofCase.All && node.CheckpointAt is { } checkpoint)
        {
            answers.Add(new ReadResp { Checkpoint = new ReadResp.Types.Checkpoint { CommitPosition = checkpoint, PreparePosition = checkpoint } });
        }

        return answers;
    }

    private List<ReadResp> ReadEvents(ReadReq request)
    {
        var o = request.Options;
        bool subscription = o.CountOptionCase == ReadReq.Types.Options.CountOptionOneofCase.Subscription;
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
                // As the server does: a read includes the event at its position, a subscription starts after it.
                bool fromPosition = o.All.AllOptionCase == ReadReq.Types.Options.Types.AllOptions.AllOptionOneofCase.Position;
                var from = fromPosition ? o.All.Position.CommitPosition : 0;
                events = _log.Where(e => subscription && fromPosition ? e.CommitPosition > from : e.CommitPosition >= from);
            }

            if (o.CountOptionCase == ReadReq.Types.Options.CountOptionOneofCase.Count)
            {
                events = events.Take((int)Math.Min(o.Count, int.MaxValue));
            }

            return events.Select(e => new ReadResp { Event = new ReadResp.Types.ReadEvent { Event = e, CommitPosition = e.CommitPosition } }).ToList();
        }
    }
}

using System.Threading.Channels;
using Eventfold.EventStoreDb.Mapping;
using Eventfold.EventStoreDb.Protocol;
using Eventfold.EventStoreDb.Protocol.Streams;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Empty = Google.Protobuf.WellKnownTypes.Empty;
using RpcStatus = Eventfold.EventStoreDb.Protocol.Rpc.Status;

namespace Eventfold.EventStoreDb.Tests;

/// <summary>The fake's BatchAppend: one long-lived call per node channel, each message one append answered by correlation id, as a 21.10+ server does.</summary>
internal sealed partial class FakeCluster
{
    private sealed class BatchCall : IClientStreamWriter<BatchAppendReq>, IAsyncStreamReader<BatchAppendResp>, IDisposable
    {
        private readonly FakeCluster _cluster;
        private readonly EndPoint _endPoint;
        private readonly NodeState _node;
        private readonly CallOptions _options;
        private readonly Channel<BatchAppendResp> _answers = Channel.CreateUnbounded<BatchAppendResp>();
        private readonly List<CancellationTokenRegistration> _registrations = [];
        private BatchAppendResp? _current;

        public BatchCall(FakeCluster cluster, EndPoint endPoint, NodeState node, CallOptions options, CancellationToken channelClosed)
        {
            _cluster = cluster;
            _endPoint = endPoint;
            _node = node;
            _options = options;
            _registrations.Add(channelClosed.Register(() => End(new RpcException(new Status(StatusCode.Cancelled, "gRPC call disposed.")))));
            _registrations.Add(options.CancellationToken.Register(() => End(new RpcException(new Status(StatusCode.Cancelled, "Call canceled by the client.")))));
            node.BatchBroken.ContinueWith(_ => End(new RpcException(new Status(StatusCode.Unavailable, "connection reset"))), TaskScheduler.Default);
        }

        public WriteOptions? WriteOptions { get; set; }

        public BatchAppendResp Current => _current!;

        public Task WriteAsync(BatchAppendReq message, CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            return WriteAsync(message);
        }

        public Task WriteAsync(BatchAppendReq message)
        {
            if (_answers.Reader.Completion.IsCompleted)
            {
                throw new InvalidOperationException("Can't write the message because the call is complete.");
            }

            // The server serves the appends of one call concurrently: a competing writer's append
            // (BeforeNextAppend) made while this one waits goes through.
            _ = Task.Run(() => ServeAsync(message));
            return Task.CompletedTask;
        }

        private async Task ServeAsync(BatchAppendReq message)
        {
            DateTime? deadline = message.Options.DeadlineOptionCase == BatchAppendReq.Types.Options.DeadlineOptionOneofCase.Deadline
                ? DateTime.UtcNow + message.Options.Deadline.ToTimeSpan()
                : null;
            bool busy;
            try
            {
                busy = _cluster.Check(_endPoint, "BatchAppend", _options, deadline, answersBusy: true);
            }
            catch (RpcException ex)
            {
                End(ex); // the server ends the whole call, as it does for not-leader and lost connections
                return;
            }

            BatchAppendResp answer;
            if (busy)
            {
                answer = Error(message.CorrelationId, "Server Is Busy", Any.Pack(new Empty()));
            }
            else if (_node.GarbleNextBatchAnswer)
            {
                _node.GarbleNextBatchAnswer = false;
                answer = new BatchAppendResp { CorrelationId = new UUID { String = "not-a-uuid" }, Success = new BatchAppendResp.Types.Success() };
            }
            else
            {
                answer = Apply(message);
            }

            if (_node.HoldBatchAnswers is { } hold)
            {
                await hold.Task.ConfigureAwait(false);
            }

            _answers.Writer.TryWrite(answer);
        }

        public Task CompleteAsync()
        {
            End(null);
            return Task.CompletedTask;
        }

        public async Task<bool> MoveNext(CancellationToken cancellationToken)
        {
            if (!await _answers.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
            {
                return false;
            }

            _current = await _answers.Reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            return true;
        }

        public void Dispose()
        {
            End(new RpcException(new Status(StatusCode.Cancelled, "gRPC call disposed.")));
            foreach (var registration in _registrations)
            {
                registration.Dispose();
            }
        }

        private static BatchAppendResp Error(UUID correlationId, string message, Any details) =>
            new() { CorrelationId = correlationId, Error = new RpcStatus { Code = (int)StatusCode.Unavailable, Message = message, Details = details } };

        private void End(Exception? error) => _answers.Writer.TryComplete(error);

        private BatchAppendResp Apply(BatchAppendReq message)
        {
            var o = message.Options;
            var options = new AppendReq.Types.Options { StreamIdentifier = o.StreamIdentifier };
            switch (o.ExpectedStreamPositionCase)
            {
                case BatchAppendReq.Types.Options.ExpectedStreamPositionOneofCase.StreamPosition:
                    options.Revision = o.StreamPosition;
                    break;
                case BatchAppendReq.Types.Options.ExpectedStreamPositionOneofCase.NoStream:
                    options.NoStream = new Protocol.Empty();
                    break;
                case BatchAppendReq.Types.Options.ExpectedStreamPositionOneofCase.StreamExists:
                    options.StreamExists = new Protocol.Empty();
                    break;
                default:
                    options.Any = new Protocol.Empty();
                    break;
            }

            var requests = new List<AppendReq> { new() { Options = options } };
            foreach (var m in message.ProposedMessages)
            {
                var proposed = new AppendReq.Types.ProposedMessage { Id = m.Id, Data = m.Data, CustomMetadata = m.CustomMetadata };
                proposed.Metadata.Add(m.Metadata);
                requests.Add(new AppendReq { ProposedMessage = proposed });
            }

            var hook = Interlocked.Exchange(ref _cluster._beforeNextAppend, null);
            hook?.Invoke(o.StreamIdentifier.StreamName.ToStringUtf8());
            var result = _cluster.Append(requests);
            if (result.ResultCase == AppendResp.ResultOneofCase.WrongExpectedVersion)
            {
                var wrong = new WrongExpectedVersion();
                if (result.WrongExpectedVersion.CurrentRevisionOptionCase == AppendResp.Types.WrongExpectedVersion.CurrentRevisionOptionOneofCase.CurrentRevision)
                {
                    wrong.CurrentStreamRevision = result.WrongExpectedVersion.CurrentRevision;
                }
                else
                {
                    wrong.CurrentNoStream = new Empty();
                }

                return Error(message.CorrelationId, "Wrong expected version", Any.Pack(wrong));
            }

            var success = new BatchAppendResp.Types.Success
            {
                Position = new AllStreamPosition { CommitPosition = result.Success.Position.CommitPosition, PreparePosition = result.Success.Position.PreparePosition },
            };
            if (result.Success.CurrentRevisionOptionCase == AppendResp.Types.Success.CurrentRevisionOptionOneofCase.CurrentRevision)
            {
                success.CurrentRevision = result.Success.CurrentRevision;
            }
            else
            {
                success.NoStream = new Empty();
            }

            return new BatchAppendResp { CorrelationId = message.CorrelationId, Success = success };
        }
    }
}

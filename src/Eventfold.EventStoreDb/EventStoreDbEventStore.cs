using System.Runtime.CompilerServices;
using Eventfold.EventStoreDb.Mapping;
using Eventfold.EventStoreDb.Protocol;
using Eventfold.EventStoreDb.Protocol.Streams;
using Grpc.Core;
using ReadOptions = Eventfold.EventStoreDb.Protocol.Streams.ReadReq.Types.Options;

namespace Eventfold.EventStoreDb;

/// <summary>
/// An <see cref="IEventStore"/> on EventStoreDB, speaking its gRPC protocol: streams map to streams,
/// the global log to <c>$all</c>, <see cref="GlobalPosition"/> to its commit and prepare positions.
/// Subscriptions are the server's catch-up subscriptions. Checkpoints and snapshots live in streams of
/// their own, which no read of <c>$all</c> returns. See docs/eventstoredb.md.
/// </summary>
public sealed partial class EventStoreDbEventStore : IEventStore, IStreamTruncation
{
    private const string MetadataStreamPrefix = "$$";
    private const string StreamMetadataEventType = "$metadata";

    private static readonly WriteOptions BufferHint = new(WriteFlags.BufferHint);

    private readonly ClusterConnection _connection;
    private readonly EventStoreOptions _options;

    /// <param name="connectionString">For example <c>esdb://127.0.0.1:2113?tls=false</c> or <c>esdb+discover://admin:changeit@node1:2113,node2:2113</c>.</param>
    /// <param name="options">Serializer, event size limit and clock.</param>
    public EventStoreDbEventStore(string connectionString, EventStoreOptions? options = null)
        : this(ConnectionString.Parse(connectionString), options)
    {
    }

    public EventStoreDbEventStore(EventStoreDbSettings settings, EventStoreOptions? options = null)
        : this(settings, options, new GrpcChannelFactory(settings), Random.Shared)
    {
    }

    internal EventStoreDbEventStore(EventStoreDbSettings settings, EventStoreOptions? options, IChannelFactory channels, Random random)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _options = options ?? new EventStoreOptions();
        // Deadlines and retry pauses run on real time: the options' clock only stamps events, and a
        // server stamps its own (tests pass a fake clock there).
        var logger = _options.LoggerFactory?.CreateLogger(ConnectionTelemetry.Category);
        _connection = new ClusterConnection(settings, channels, TimeProvider.System, random, new ConnectionTelemetry(logger));
    }

    public EventStoreDbSettings Settings => _connection.Settings;

    /// <summary>
    /// How many batches of events the server considers between two checkpoints of a filtered
    /// subscription to <c>$all</c>; a resumed subscription starts from the last checkpoint.
    /// </summary>
    public uint CheckpointIntervalMultiplier { get; init; } = 1;

    /// <inheritdoc/>
    public EventSerializer Serializer => _options.Serializer;

    public async Task<AppendResult> AppendAsync(string stream, ExpectedVersion expected, IReadOnlyList<EventData> events, CancellationToken ct = default)
    {
        var batch = AppendBatch.Prepare(stream, expected, events, _options.Serializer);
        var messages = new AppendReq[events.Count];
        int totalBytes = 0;
        for (int i = 0; i < events.Count; i++)
        {
            var serialized = batch[i];
            var message = EventMapping.ToProposedMessage(serialized);
            int size = EventMapping.SizeOf(message);
            if (size > _options.MaxEventSizeBytes)
            {
                throw new EventTooLargeException(stream, VersionAt(expected, i), serialized.EventName, size, _options.MaxEventSizeBytes);
            }

            totalBytes += size;
            messages[i] = new AppendReq { ProposedMessage = message };
        }

        string firstName = events.Count > 0 ? messages[0].ProposedMessage.Metadata[EventMapping.TypeKey] : "";
        return await AppendMessagesAsync(stream, expected, messages, firstName, totalBytes, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// Sets the stream's <c>$maxCount</c> metadata: reads of the stream then see only its newest
    /// <paramref name="maxCount"/> events, and the server's scavenge removes older ones. For streams that
    /// only need their latest state, such as checkpoints and snapshots, so they do not grow without bound.
    /// Reads of <c>$all</c> still see the older events until a scavenge runs.
    /// </summary>
    public Task SetMaxCountAsync(string stream, long maxCount, CancellationToken ct = default)
    {
        StreamName.Validate(stream);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxCount, 1);
        return WriteMaxCountAsync(stream, maxCount, ct);
    }

    /// <inheritdoc/>
    /// <remarks>
    /// The stream's <c>$maxCount</c> metadata (<see cref="SetMaxCountAsync"/>): the server hides the older events
    /// from reads of the stream at once, and removes them, from <c>$all</c> too, at its next scavenge.
    /// </remarks>
    public Task SetStreamMaxCountAsync(string stream, long maxCount, CancellationToken ct = default) => SetMaxCountAsync(stream, maxCount, ct);

    /// <summary>Without the user-name rules: the checkpoint streams carry consumer names, which may hold any character.</summary>
    private async Task WriteMaxCountAsync(string stream, long maxCount, CancellationToken ct)
    {
        var message = new AppendReq.Types.ProposedMessage
        {
            Id = Uuids.ToStringForm(Guid.NewGuid()),
            Data = Google.Protobuf.ByteString.CopyFromUtf8($"{{\"$maxCount\":{maxCount.ToString(System.Globalization.CultureInfo.InvariantCulture)}}}"),
            CustomMetadata = Google.Protobuf.ByteString.Empty,
        };
        message.Metadata[EventMapping.TypeKey] = StreamMetadataEventType;
        message.Metadata[EventMapping.ContentTypeKey] = EventMapping.JsonContentType;
        await AppendMessagesAsync(MetadataStreamPrefix + stream, ExpectedVersion.Any, [new AppendReq { ProposedMessage = message }], StreamMetadataEventType, message.Data.Length, ct).ConfigureAwait(false);
    }

    private async Task<AppendResult> AppendMessagesAsync(string stream, ExpectedVersion expected, AppendReq[] messages, string firstEventName, int totalBytes, CancellationToken ct)
    {
        var header = new AppendReq { Options = ExpectedVersionMapping.ToAppendOptions(stream, expected) };
        AppendResult response;
        try
        {
            response = await _connection.ExecuteAsync(
                $"append to stream '{stream}'",
                async (node, token) =>
                {
                    if (node.SupportsBatchAppend)
                    {
                        var correlationId = Guid.NewGuid();
                        var request = BatchAppendMapping.ToRequest(correlationId, stream, expected, messages, _connection.Settings.DefaultDeadline);
                        try
                        {
                            var appender = node.BatchAppender(_connection.CallOptions(CancellationToken.None, withDeadline: false));
                            var answer = await appender.AppendAsync(correlationId, request, stream, AnswerWithin(_connection.Settings.DefaultDeadline), token).ConfigureAwait(false);
                            return BatchAppendMapping.ToResult(answer, stream, expected, firstEventName, totalBytes, VersionAt(expected, 0));
                        }
                        catch (RpcException ex) when (ex.StatusCode == StatusCode.Unimplemented)
                        {
                            node.SupportsBatchAppend = false; // a server before 21.10
                        }
                    }

                    using var call = new Streams.StreamsClient(node.Invoker).Append(_connection.CallOptions(token));

                    // Buffer every message but the last, so an append leaves in as few frames as it can.
                    call.RequestStream.WriteOptions = BufferHint;
                    await call.RequestStream.WriteAsync(header, token).ConfigureAwait(false);
                    for (int i = 0; i < messages.Length; i++)
                    {
                        call.RequestStream.WriteOptions = i == messages.Length - 1 ? null : BufferHint;
                        await call.RequestStream.WriteAsync(messages[i], token).ConfigureAwait(false);
                    }

                    await call.RequestStream.CompleteAsync().ConfigureAwait(false);
                    return ToResult(await call.ResponseAsync.ConfigureAwait(false));
                },
                ct).ConfigureAwait(false);
        }
        catch (RpcException ex) when (ct.IsCancellationRequested)
        {
            throw new OperationCanceledException($"The append to stream '{stream}' was cancelled; it may or may not have been written.", ex, ct);
        }
        catch (RpcException ex) when (RpcErrors.KindOf(ex) == RpcErrors.MaximumAppendSizeExceeded)
        {
            int limit = int.TryParse(ex.Trailers.GetValue("maximum-append-size"), out int l) ? l : _options.MaxEventSizeBytes;
            throw new EventTooLargeException(stream, VersionAt(expected, 0), firstEventName, totalBytes, limit);
        }
        catch (RpcException ex) when (RpcErrors.Translate(ex, "append", stream, expected) is { } translated)
        {
            throw translated;
        }

        EventStoreTelemetry.LogAppended(_connection.Telemetry.Logger, "esdb", stream, expected, messages.Length, response.NextExpectedVersion);
        return response;

        AppendResult ToResult(AppendResp answer) => answer.ResultCase switch
        {
            AppendResp.ResultOneofCase.Success => new AppendResult(
                ExpectedVersionMapping.CurrentVersion(answer.Success), ExpectedVersionMapping.PositionOf(answer.Success)),
            AppendResp.ResultOneofCase.WrongExpectedVersion => throw new WrongExpectedVersionException(
                stream, expected, ExpectedVersionMapping.ActualVersion(answer.WrongExpectedVersion)),
            _ => throw new InvalidOperationException($"EventStoreDB answered the append to stream '{stream}' with neither success nor a wrong expected version."),
        };
    }

    public async IAsyncEnumerable<RecordedEvent> ReadStreamAsync(string stream, StreamReadOptions options = default, [EnumeratorCancellation] CancellationToken ct = default)
    {
        StreamName.Validate(stream);
        options.Validate(stream);
        bool forwards = options.Direction == ReadDirection.Forwards;
        long? next = options.FromVersion;
        long remaining = options.MaxCount ?? long.MaxValue;
        if (remaining <= 0 || (!forwards && next < 0))
        {
            yield break;
        }

        ReadReq Request()
        {
            var streamOptions = new ReadOptions.Types.StreamOptions { StreamIdentifier = EventMapping.ToStreamIdentifier(stream) };
            if (next is { } from)
            {
                streamOptions.Revision = (ulong)Math.Max(0, from);
            }
            else if (forwards)
            {
                streamOptions.Start = new Empty();
            }
            else
            {
                streamOptions.End = new Empty();
            }

            var o = NewReadOptions(forwards);
            o.Stream = streamOptions;
            o.Count = (ulong)remaining;
            o.NoFilter = new Empty();
            return new ReadReq { Options = o };
        }

        await foreach (var response in ReadAsync($"read stream '{stream}'", stream, Request, subscription: false, ct).ConfigureAwait(false))
        {
            if (response.ContentCase == ReadResp.ContentOneofCase.StreamNotFound)
            {
                yield break;
            }

            if (response.ContentCase != ReadResp.ContentOneofCase.Event)
            {
                continue;
            }

            var e = response.Event.Event;
            long version = (long)e.StreamRevision;
            next = forwards ? version + 1 : version - 1;
            remaining--;
            if (!EventMapping.IsSystemEvent(e))
            {
                yield return EventMapping.ToRecordedEvent(e, _options.Serializer);
            }

            if (remaining == 0 || next < 0)
            {
                yield break;
            }
        }
    }

    public IAsyncEnumerable<RecordedEvent> ReadAllAsync(GlobalPosition from, EventFilter? filter = null, CancellationToken ct = default) =>
        StoredEvents.ForGlobalRead(ReadAllStoredAsync(from, filter, ct), _options.Serializer, ct);

    private async IAsyncEnumerable<SubscriptionMessage> ReadAllStoredAsync(GlobalPosition from, EventFilter? filter, [EnumeratorCancellation] CancellationToken ct)
    {
        GlobalPosition? lastSeen = null;
        ReadReq Request()
        {
            var o = NewReadOptions(forwards: true);
            o.All = AllFrom(lastSeen ?? from);
            o.Count = long.MaxValue;
            o.Filter = FilterMapping.ToFilterOptions(filter, CheckpointIntervalMultiplier);
            return new ReadReq { Options = o };
        }

        await foreach (var response in ReadAsync("read $all", null, Request, subscription: false, ct).ConfigureAwait(false))
        {
            if (response.ContentCase == ReadResp.ContentOneofCase.Event && ToUserEvent(response.Event.Event, filter, ref lastSeen) is { } recorded)
            {
                yield return recorded;
            }
        }
    }

    public async IAsyncEnumerable<SubscriptionMessage> SubscribeToAllAsync(
        GlobalPosition? after, SubscriptionOptions? options = null, [EnumeratorCancellation] CancellationToken ct = default)
    {
        options ??= SubscriptionOptions.Default;
        var filter = options.Filter;

        // Resubscribing and dropping duplicates go by the positions of events received, never by
        // checkpoints: a checkpoint from a node that failed over may lie past events the new leader sends.
        GlobalPosition? lastSeen = after;
        GlobalPosition? lastCheckpoint = null;

        // The server says when it turns live (CaughtUp); the log's end as it was at the start tells it too,
        // for a server that does not, and for a filter that matches nothing after it.
        var endAtStart = await ReadLastPositionOfAllAsync(ct).ConfigureAwait(false);
        bool caughtUp = false;
        if (endAtStart is null || (after is { } start && start >= endAtStart))
        {
            caughtUp = true;
            yield return new CaughtUp(after);
        }

        ReadReq Request()
        {
            var o = NewReadOptions(forwards: true);
            o.All = lastSeen is { } p ? AllFrom(p) : new ReadOptions.Types.AllOptions { Start = new Empty() };
            o.Subscription = new ReadOptions.Types.SubscriptionOptions();
            o.Filter = FilterMapping.ToFilterOptions(filter, CheckpointIntervalMultiplier);
            return new ReadReq { Options = o };
        }

        await foreach (var response in ReadAsync("subscribe to $all", null, Request, subscription: true, ct).ConfigureAwait(false))
        {
            switch (response.ContentCase)
            {
                case ReadResp.ContentOneofCase.Event:
                    if (ToUserEvent(response.Event.Event, filter, ref lastSeen) is { } stored
                        && StoredEvents.Classify(stored, _options.Serializer, options.IncludeUnknownEvents) is { } message)
                    {
                        yield return message;
                    }

                    if (!caughtUp && lastSeen >= endAtStart)
                    {
                        caughtUp = true;
                        yield return new CaughtUp(lastSeen);
                    }

                    break;
                case ReadResp.ContentOneofCase.Checkpoint:
                    var checkpoint = new GlobalPosition(response.Checkpoint.CommitPosition, response.Checkpoint.PreparePosition);
                    if (lastCheckpoint is { } reported && checkpoint <= reported)
                    {
                        break; // said again by a resubscription
                    }

                    lastCheckpoint = checkpoint;
                    yield return new SubscriptionCheckpoint(checkpoint);
                    if (!caughtUp && checkpoint >= endAtStart)
                    {
                        caughtUp = true;
                        yield return new CaughtUp(lastSeen);
                    }

                    break;
                case ReadResp.ContentOneofCase.CaughtUp when !caughtUp:
                    caughtUp = true;

                    // Live now: the server has filtered everything up to the end the log had at the start, so
                    // a filtered consumer may checkpoint there, even when the server's interval sent no checkpoint.
                    if (endAtStart is { } end && end > (lastSeen ?? GlobalPosition.Start) && end > (lastCheckpoint ?? GlobalPosition.Start))
                    {
                        lastCheckpoint = end;
                        yield return new SubscriptionCheckpoint(end);
                    }

                    yield return new CaughtUp(lastCheckpoint is { } c && c > (lastSeen ?? GlobalPosition.Start) ? c : lastSeen);
                    break;
            }
        }
    }

    public async IAsyncEnumerable<RecordedEvent> SubscribeToStreamAsync(string stream, long? afterVersion, [EnumeratorCancellation] CancellationToken ct = default)
    {
        StreamName.Validate(stream);
        long? last = afterVersion is >= 0 ? afterVersion : null;
        ReadReq Request()
        {
            var streamOptions = new ReadOptions.Types.StreamOptions { StreamIdentifier = EventMapping.ToStreamIdentifier(stream) };
            if (last is { } revision)
            {
                streamOptions.Revision = (ulong)revision;
            }
            else
            {
                streamOptions.Start = new Empty();
            }

            var o = NewReadOptions(forwards: true);
            o.Stream = streamOptions;
            o.Subscription = new ReadOptions.Types.SubscriptionOptions();
            o.NoFilter = new Empty();
            return new ReadReq { Options = o };
        }

        await foreach (var response in ReadAsync($"subscribe to stream '{stream}'", stream, Request, subscription: true, ct).ConfigureAwait(false))
        {
            if (response.ContentCase != ReadResp.ContentOneofCase.Event)
            {
                continue;
            }

            var e = response.Event.Event;
            long version = (long)e.StreamRevision;
            if (last is { } seen && version <= seen)
            {
                continue;
            }

            last = version;
            if (!EventMapping.IsSystemEvent(e))
            {
                yield return EventMapping.ToRecordedEvent(e, _options.Serializer);
            }
        }
    }

    public async Task<long> GetStreamVersionAsync(string stream, CancellationToken ct = default)
    {
        StreamName.Validate(stream);
        return await ReadLastEventAsync(stream, ct).ConfigureAwait(false) is { } last ? (long)last.StreamRevision : -1;
    }

    /// <summary>The stream's last event as the server sent it, or null when the stream does not exist.</summary>
    internal async Task<ReadResp.Types.ReadEvent.Types.RecordedEvent?> ReadLastEventAsync(string stream, CancellationToken ct)
    {
        ReadReq Request()
        {
            var o = NewReadOptions(forwards: false);
            o.Stream = new ReadOptions.Types.StreamOptions { StreamIdentifier = EventMapping.ToStreamIdentifier(stream), End = new Empty() };
            o.Count = 1;
            o.NoFilter = new Empty();
            return new ReadReq { Options = o };
        }

        await foreach (var response in ReadAsync($"read the last event of stream '{stream}'", stream, Request, subscription: false, ct).ConfigureAwait(false))
        {
            switch (response.ContentCase)
            {
                case ReadResp.ContentOneofCase.StreamNotFound:
                    return null;
                case ReadResp.ContentOneofCase.Event:
                    return response.Event.Event;
            }
        }

        return null;
    }

    /// <summary>The position of the last event in <c>$all</c>, system events included, or null when it is empty.</summary>
    private async Task<GlobalPosition?> ReadLastPositionOfAllAsync(CancellationToken ct)
    {
        ReadReq Request()
        {
            var o = NewReadOptions(forwards: false);
            o.All = new ReadOptions.Types.AllOptions { End = new Empty() };
            o.Count = 1;
            o.NoFilter = new Empty();
            return new ReadReq { Options = o };
        }

        await foreach (var response in ReadAsync("read the end of $all", null, Request, subscription: false, ct).ConfigureAwait(false))
        {
            if (response.ContentCase == ReadResp.ContentOneofCase.Event)
            {
                return EventMapping.PositionOf(response.Event.Event);
            }
        }

        return null;
    }

    /// <summary>The server's version, as its ServerFeatures service reports it (for diagnostics and logs).</summary>
    public async Task<string> GetServerVersionAsync(CancellationToken ct = default)
    {
        var methods = await _connection.ExecuteAsync(
            "read the server's version",
            (node, token) => new Protocol.ServerFeatures.ServerFeatures.ServerFeaturesClient(node.Invoker)
                .GetSupportedMethodsAsync(new Empty(), _connection.CallOptions(token)).ResponseAsync,
            ct).ConfigureAwait(false);
        return methods.EventStoreServerVersion;
    }

    public ValueTask DisposeAsync()
    {
        _connection.Dispose();
        return ValueTask.CompletedTask;
    }

    private SubscriptionMessage? ToUserEvent(ReadResp.Types.ReadEvent.Types.RecordedEvent e, EventFilter? filter, ref GlobalPosition? lastSeen)
    {
        var position = EventMapping.PositionOf(e);
        if (lastSeen is { } seen && position <= seen)
        {
            return null; // already yielded before a reconnection
        }

        lastSeen = position;
        if (EventMapping.IsSystemEvent(e) || InternalStreams.IsInternal(e))
        {
            return null; // whatever the filter: checkpoints and snapshots are not events
        }

        if (!FilterMapping.IsExactOnServer(filter) && !filter!.Matches(EventMapping.StreamOf(e), e.Metadata.GetValueOrDefault(EventMapping.TypeKey, "")))
        {
            return null;
        }

        return EventMapping.ToMessage(e, _options.Serializer);
    }

    /// <summary>
    /// Runs a Read call and yields its answers. When the node fails or is not the leader, the call is
    /// opened again (on another node when the cluster has one) with a request that
    /// <paramref name="request"/> builds from where the caller got to, so nothing is yielded twice and
    /// nothing is skipped; a node too busy to serve is asked again after a growing pause. At most
    /// <see cref="EventStoreDbSettings.MaxDiscoverAttempts"/> failures in a row.
    /// The call has no deadline as a whole (a consumer may take as long as it likes over a large
    /// read or a subscription); <see cref="EventStoreDbSettings.DefaultDeadline"/> bounds the wait for its first answer.
    /// </summary>
    private async IAsyncEnumerable<ReadResp> ReadAsync(
        string operation, string? stream, Func<ReadReq> request, bool subscription, [EnumeratorCancellation] CancellationToken ct)
    {
        var attempts = new List<string>();
        Exception? last = null;
        int failuresInARow = 0, busyInARow = 0;
        while (true)
        {
            bool busy = false;
            var node = await _connection.TryGetNodeAsync(attempts, ct).ConfigureAwait(false);
            if (node is not null)
            {
                try
                {
                    using var callCancel = CancellationTokenSource.CreateLinkedTokenSource(ct);
                    using var call = new Streams.StreamsClient(node.Invoker).Read(request(), _connection.CallOptions(callCancel.Token, withDeadline: false));
                    bool first = true;
                    while (true)
                    {
                        bool moved, notFound = false;
                        try
                        {
                            moved = first
                                ? await FirstAnswerAsync(call.ResponseStream, callCancel, operation).ConfigureAwait(false)
                                : await call.ResponseStream.MoveNext(callCancel.Token).ConfigureAwait(false);
                            first = false;
                        }
                        catch (RpcException ex) when (ct.IsCancellationRequested)
                        {
                            // Cancelling aborts the HTTP/2 stream, which surfaces as Cancelled or Unavailable.
                            throw new OperationCanceledException("The read was cancelled.", ex, ct);
                        }
                        catch (RpcException ex) when (!ct.IsCancellationRequested && RpcErrors.KindOf(ex) == RpcErrors.StreamNotFound)
                        {
                            moved = false;
                            notFound = true;
                        }
                        catch (RpcException ex) when (RpcErrors.TlsFailure(ex) is { } tls)
                        {
                            _connection.Drop(node, null);
                            throw new EventStoreDbUnavailableException(operation, [.. attempts, $"{node.EndPoint}: {tls}"], ex);
                        }
                        catch (RpcException ex) when (!ct.IsCancellationRequested && RpcErrors.IsBusy(ex))
                        {
                            last = ex;
                            busy = true;
                            attempts.Add($"{node.EndPoint}: too busy to serve ({ex.Status.Detail})");
                            _connection.Telemetry.Retrying(operation, node.EndPoint, "busy", ex.Status.Detail, failuresInARow + 1, _connection.Settings.MaxDiscoverAttempts);
                            break;
                        }
                        catch (RpcException ex) when (!ct.IsCancellationRequested && (RpcErrors.IsTransient(ex) || RpcErrors.KindOf(ex) == RpcErrors.NotLeader))
                        {
                            last = ex;
                            var leader = RpcErrors.LeaderOf(ex);
                            bool notLeader = RpcErrors.KindOf(ex) == RpcErrors.NotLeader;
                            attempts.Add($"{node.EndPoint}: {(notLeader ? "not the leader" : ClusterConnection.Describe(ex))}");
                            _connection.Telemetry.Retrying(
                                operation, node.EndPoint, notLeader ? "not_leader" : "unavailable", notLeader ? "not the leader" : ClusterConnection.Describe(ex), failuresInARow + 1, _connection.Settings.MaxDiscoverAttempts);
                            _connection.Drop(node, leader);
                            break;
                        }
                        catch (RpcException ex) when (RpcErrors.Translate(ex, operation, stream) is { } translated)
                        {
                            throw translated;
                        }

                        if (notFound)
                        {
                            yield return new ReadResp { StreamNotFound = new ReadResp.Types.StreamNotFound() };
                            yield break;
                        }

                        if (!moved)
                        {
                            if (!subscription)
                            {
                                yield break;
                            }

                            // A subscription the server ended (it is shutting down): follow it elsewhere.
                            attempts.Add($"{node.EndPoint}: the server ended the subscription");
                            _connection.Telemetry.Retrying(operation, node.EndPoint, "ended", "the server ended the subscription", failuresInARow + 1, _connection.Settings.MaxDiscoverAttempts);
                            _connection.Drop(node, null);
                            break;
                        }

                        failuresInARow = 0;
                        busyInARow = 0;
                        attempts.Clear();
                        yield return call.ResponseStream.Current;
                    }
                }
                finally
                {
                    node.Release();
                }
            }

            if (++failuresInARow >= _connection.Settings.MaxDiscoverAttempts)
            {
                var failure = new EventStoreDbUnavailableException(operation, attempts, last);
                _connection.Telemetry.GaveUp(operation, failuresInARow, failure);
                throw failure;
            }

            busyInARow = busy ? busyInARow + 1 : 0;
            await Task.Delay(_connection.PauseBeforeRetry(busyInARow), ct).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// The call's first answer (or its end), within <see cref="EventStoreDbSettings.DefaultDeadline"/>:
    /// a node that does not start to answer in time fails the call with a <see cref="TimeoutException"/>,
    /// as a unary call past its deadline does. Later answers may take as long as they take.
    /// </summary>
    private async Task<bool> FirstAnswerAsync(IAsyncStreamReader<ReadResp> answers, CancellationTokenSource callCancel, string operation)
    {
        var deadline = _connection.Settings.DefaultDeadline;
        var moved = answers.MoveNext(callCancel.Token);
        if (deadline == System.Threading.Timeout.InfiniteTimeSpan)
        {
            return await moved.ConfigureAwait(false);
        }

        try
        {
            // No token here: callCancel follows the caller's, and cancelling ends the call and so this wait.
            return await moved.WaitAsync(deadline).ConfigureAwait(false);
        }
        catch (TimeoutException ex) when (!moved.IsCompleted)
        {
            await callCancel.CancelAsync().ConfigureAwait(false);
            await moved.ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default).ConfigureAwait(false);
            throw new TimeoutException($"EventStoreDB did not start to answer the call to {operation} within the deadline ({deadline.TotalMilliseconds:0} ms).", ex);
        }
    }

    private static ReadOptions NewReadOptions(bool forwards) => new()
    {
        ReadDirection = forwards ? ReadOptions.Types.ReadDirection.Forwards : ReadOptions.Types.ReadDirection.Backwards,
        ResolveLinks = false,
        UuidOption = new ReadOptions.Types.UUIDOption { String = new Empty() },
        ControlOption = new ReadOptions.Types.ControlOption { Compatibility = 1 },
    };

    private static ReadOptions.Types.AllOptions AllFrom(GlobalPosition position) =>
        new() { Position = new ReadOptions.Types.Position { CommitPosition = position.Commit, PreparePosition = position.Prepare } };

    // The server answers an append past its deadline with a timeout of its own; the client waits a
    // second longer, so it hears that answer, yet no append waits forever for an answer that never comes.
    private static TimeSpan AnswerWithin(TimeSpan deadline) => deadline == System.Threading.Timeout.InfiniteTimeSpan ? deadline : deadline + TimeSpan.FromSeconds(1);

    private static long VersionAt(ExpectedVersion expected, int index) => expected.IsExact ? expected.Value + 1 + index : -1;
}

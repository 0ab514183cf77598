using Eventfold.EventStoreDb.Protocol;
using Eventfold.EventStoreDb.Protocol.Streams;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Empty = Eventfold.EventStoreDb.Protocol.Empty;
using WrongExpectedVersionDetail = Eventfold.EventStoreDb.Protocol.WrongExpectedVersion;

namespace Eventfold.EventStoreDb.Mapping;

/// <summary>Appends as BatchAppend messages, and their answers (success, or an error with details) back.</summary>
internal static class BatchAppendMapping
{
    public static BatchAppendReq ToRequest(Guid correlationId, string stream, ExpectedVersion expected, IEnumerable<AppendReq> messages, TimeSpan deadline)
    {
        var options = new BatchAppendReq.Types.Options { StreamIdentifier = EventMapping.ToStreamIdentifier(stream) };
        if (expected.IsAny)
        {
            options.Any = new Google.Protobuf.WellKnownTypes.Empty();
        }
        else if (expected.IsNoStream)
        {
            options.NoStream = new Google.Protobuf.WellKnownTypes.Empty();
        }
        else if (expected.IsStreamExists)
        {
            options.StreamExists = new Google.Protobuf.WellKnownTypes.Empty();
        }
        else
        {
            options.StreamPosition = checked((ulong)expected.Value);
        }

        if (deadline != System.Threading.Timeout.InfiniteTimeSpan)
        {
            options.Deadline = Duration.FromTimeSpan(deadline);
        }

        var request = new BatchAppendReq { CorrelationId = Uuids.ToStringForm(correlationId), Options = options, IsFinal = true };
        foreach (var m in messages.Select(r => r.ProposedMessage))
        {
            var proposed = new BatchAppendReq.Types.ProposedMessage { Id = m.Id, CustomMetadata = m.CustomMetadata, Data = m.Data };
            proposed.Metadata.Add(m.Metadata);
            request.ProposedMessages.Add(proposed);
        }

        return request;
    }

    /// <summary>
    /// The append's result, or the exception its error means. Errors without details (the server is
    /// not ready, too busy, or has no leader) come back as Unavailable, so the call is tried again.
    /// </summary>
    public static AppendResult ToResult(BatchAppendResp answer, string stream, ExpectedVersion expected, string firstEventName, int totalBytes, long firstVersion)
    {
        if (answer.ResultCase == BatchAppendResp.ResultOneofCase.Success)
        {
            var success = answer.Success;
            long version = success.CurrentRevisionOptionCase == BatchAppendResp.Types.Success.CurrentRevisionOptionOneofCase.CurrentRevision
                ? checked((long)success.CurrentRevision)
                : -1;
            var position = success.PositionOptionCase == BatchAppendResp.Types.Success.PositionOptionOneofCase.Position
                ? new GlobalPosition(success.Position.CommitPosition, success.Position.PreparePosition)
                : GlobalPosition.Start;
            return new AppendResult(version, position);
        }

        var error = answer.Error;
        var details = error?.Details;
        if (details is null)
        {
            throw new RpcException(new Status(StatusCode.Unavailable, error?.Message ?? "The server answered the append with neither success nor error."));
        }

        if (details.Is(WrongExpectedVersionDetail.Descriptor))
        {
            var wrong = details.Unpack<WrongExpectedVersionDetail>();
            long actual = wrong.CurrentStreamRevisionOptionCase == WrongExpectedVersionDetail.CurrentStreamRevisionOptionOneofCase.CurrentStreamRevision
                ? checked((long)wrong.CurrentStreamRevision)
                : -1;
            throw new WrongExpectedVersionException(stream, expected, actual);
        }

        if (details.Is(StreamDeleted.Descriptor))
        {
            throw new StreamDeletedException(stream);
        }

        if (details.Is(AccessDenied.Descriptor))
        {
            throw new EventStoreDbAccessDeniedException("append", stream, "the user lacks the permission (check the credentials in the connection string and the stream's ACL)");
        }

        if (details.Is(MaximumAppendSizeExceeded.Descriptor))
        {
            int limit = (int)details.Unpack<MaximumAppendSizeExceeded>().MaxAppendSize;
            throw new EventTooLargeException(stream, firstVersion, firstEventName, totalBytes, limit);
        }

        if (details.Is(Protocol.Timeout.Descriptor))
        {
            throw new TimeoutException($"EventStoreDB did not append to stream '{stream}' before the deadline.");
        }

        if (details.Is(BadRequest.Descriptor))
        {
            throw new InvalidOperationException($"EventStoreDB refused the append to stream '{stream}': {details.Unpack<BadRequest>().Message}");
        }

        // Not ready, too busy, no leader: details are empty and the message says which.
        throw new RpcException(new Status(StatusCode.Unavailable, error!.Message));
    }
}

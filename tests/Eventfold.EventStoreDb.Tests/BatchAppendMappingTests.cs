using Eventfold.EventStoreDb.Mapping;
using Eventfold.EventStoreDb.Protocol;
using Eventfold.EventStoreDb.Protocol.Streams;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using RpcStatus = Eventfold.EventStoreDb.Protocol.Rpc.Status;

namespace Eventfold.EventStoreDb.Tests;

public class BatchAppendMappingTests
{
    private static AppendReq Message(string sku) =>
        new() { ProposedMessage = EventMapping.ToProposedMessage(TestEvents.Serializer.Serialize(EventData.From(new ItemAdded(sku, 1)))) };

    [Fact]
    public void An_append_becomes_one_final_message_with_its_events_expected_version_and_deadline()
    {
        var id = Guid.NewGuid();

        var request = BatchAppendMapping.ToRequest(id, "cart-1", 4, [Message("a"), Message("b")], TimeSpan.FromSeconds(3));

        Assert.Equal(id, Uuids.ToGuid(request.CorrelationId));
        Assert.True(request.IsFinal);
        Assert.Equal("cart-1", request.Options.StreamIdentifier.StreamName.ToStringUtf8());
        Assert.Equal(4ul, request.Options.StreamPosition);
        Assert.Equal(TimeSpan.FromSeconds(3), request.Options.Deadline.ToTimeSpan());
        Assert.Equal(2, request.ProposedMessages.Count);
        Assert.Equal("ItemAdded", request.ProposedMessages[0].Metadata["type"]);
        Assert.Equal("application/json", request.ProposedMessages[1].Metadata["content-type"]);
        Assert.Equal(BatchAppendReq.Types.Options.ExpectedStreamPositionOneofCase.NoStream, BatchAppendMapping.ToRequest(id, "s", ExpectedVersion.NoStream, [], System.Threading.Timeout.InfiniteTimeSpan).Options.ExpectedStreamPositionCase);
        Assert.Equal(BatchAppendReq.Types.Options.ExpectedStreamPositionOneofCase.Any, BatchAppendMapping.ToRequest(id, "s", ExpectedVersion.Any, [], System.Threading.Timeout.InfiniteTimeSpan).Options.ExpectedStreamPositionCase);
        Assert.Equal(BatchAppendReq.Types.Options.ExpectedStreamPositionOneofCase.StreamExists, BatchAppendMapping.ToRequest(id, "s", ExpectedVersion.StreamExists, [], System.Threading.Timeout.InfiniteTimeSpan).Options.ExpectedStreamPositionCase);
        Assert.Null(BatchAppendMapping.ToRequest(id, "s", ExpectedVersion.Any, [], System.Threading.Timeout.InfiniteTimeSpan).Options.Deadline);
    }

    [Fact]
    public void A_success_gives_the_new_version_and_position()
    {
        var answer = new BatchAppendResp { Success = new BatchAppendResp.Types.Success { CurrentRevision = 6, Position = new AllStreamPosition { CommitPosition = 90, PreparePosition = 80 } } };

        var result = BatchAppendMapping.ToResult(answer, "cart-1", 5, "ItemAdded", 10, 6);

        Assert.Equal(new AppendResult(6, new GlobalPosition(90, 80)), result);
    }

    [Fact]
    public void A_wrong_expected_version_error_carries_the_actual_version()
    {
        var detail = new WrongExpectedVersion { CurrentStreamRevision = 9, ExpectedStreamPosition = 5 };

        var ex = Assert.Throws<WrongExpectedVersionException>(() => BatchAppendMapping.ToResult(Error(Any.Pack(detail)), "cart-1", 5, "ItemAdded", 10, 6));
        var none = Assert.Throws<WrongExpectedVersionException>(() => BatchAppendMapping.ToResult(
            Error(Any.Pack(new WrongExpectedVersion { CurrentNoStream = new Google.Protobuf.WellKnownTypes.Empty() })), "cart-2", ExpectedVersion.StreamExists, "ItemAdded", 10, -1));

        Assert.Equal(9, ex.ActualVersion);
        Assert.Equal("cart-1", ex.Stream);
        Assert.Equal(-1, none.ActualVersion);
    }

    [Fact]
    public void Other_errors_map_to_clear_exceptions()
    {
        Assert.Equal("cart-3", Assert.Throws<StreamDeletedException>(() => BatchAppendMapping.ToResult(Error(Any.Pack(new StreamDeleted())), "cart-3", 0, "ItemAdded", 10, 1)).Stream);
        Assert.Contains("cart-3", Assert.Throws<EventStoreDbAccessDeniedException>(() => BatchAppendMapping.ToResult(Error(Any.Pack(new AccessDenied())), "cart-3", 0, "ItemAdded", 10, 1)).Message, StringComparison.Ordinal);
        var tooLarge = Assert.Throws<EventTooLargeException>(() => BatchAppendMapping.ToResult(Error(Any.Pack(new MaximumAppendSizeExceeded { MaxAppendSize = 1024 })), "cart-3", 0, "ItemAdded", 4000, 1));
        Assert.Equal((4000, 1024, 1L, "ItemAdded"), (tooLarge.SizeBytes, tooLarge.LimitBytes, tooLarge.Version, tooLarge.EventName));
        Assert.Throws<TimeoutException>(() => BatchAppendMapping.ToResult(Error(Any.Pack(new Protocol.Timeout())), "cart-3", 0, "ItemAdded", 10, 1));
        Assert.Contains("bad field", Assert.Throws<InvalidOperationException>(() => BatchAppendMapping.ToResult(Error(Any.Pack(new BadRequest { Message = "bad field" })), "cart-3", 0, "ItemAdded", 10, 1)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_server_not_ready_or_busy_is_transient_so_the_append_is_tried_again()
    {
        var busy = Error(Any.Pack(new Google.Protobuf.WellKnownTypes.Empty()), "Server Is Busy");

        var ex = Assert.Throws<RpcException>(() => BatchAppendMapping.ToResult(busy, "cart-4", 0, "ItemAdded", 10, 1));

        Assert.Equal(StatusCode.Unavailable, ex.StatusCode);
        Assert.True(RpcErrors.IsTransient(ex));
        Assert.Contains("Server Is Busy", ex.Status.Detail, StringComparison.Ordinal);
    }

    private static BatchAppendResp Error(Any details, string message = "refused") =>
        new() { Error = new RpcStatus { Code = 9, Message = message, Details = details } };
}

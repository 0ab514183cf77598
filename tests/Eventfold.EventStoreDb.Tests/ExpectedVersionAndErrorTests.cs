using Eventfold.EventStoreDb.Mapping;
using Eventfold.EventStoreDb.Protocol;
using Eventfold.EventStoreDb.Protocol.Streams;
using Grpc.Core;

namespace Eventfold.EventStoreDb.Tests;

public class ExpectedVersionAndErrorTests
{
    [Fact]
    public void Every_expected_version_maps_to_its_revision_option()
    {
        Assert.Equal(AppendReq.Types.Options.ExpectedStreamRevisionOneofCase.Any, ExpectedVersionMapping.ToAppendOptions("s", ExpectedVersion.Any).ExpectedStreamRevisionCase);
        Assert.Equal(AppendReq.Types.Options.ExpectedStreamRevisionOneofCase.NoStream, ExpectedVersionMapping.ToAppendOptions("s", ExpectedVersion.NoStream).ExpectedStreamRevisionCase);
        Assert.Equal(AppendReq.Types.Options.ExpectedStreamRevisionOneofCase.NoStream, ExpectedVersionMapping.ToAppendOptions("s", ExpectedVersion.Exactly(-1)).ExpectedStreamRevisionCase);
        Assert.Equal(AppendReq.Types.Options.ExpectedStreamRevisionOneofCase.StreamExists, ExpectedVersionMapping.ToAppendOptions("s", ExpectedVersion.StreamExists).ExpectedStreamRevisionCase);
        var exact = ExpectedVersionMapping.ToAppendOptions("order-1", 5);
        Assert.Equal(AppendReq.Types.Options.ExpectedStreamRevisionOneofCase.Revision, exact.ExpectedStreamRevisionCase);
        Assert.Equal(5ul, exact.Revision);
        Assert.Equal("order-1", exact.StreamIdentifier.StreamName.ToStringUtf8());
    }

    [Fact]
    public void The_actual_version_is_read_from_either_form_of_the_answer()
    {
        Assert.Equal(7, ExpectedVersionMapping.ActualVersion(new AppendResp.Types.WrongExpectedVersion { CurrentRevision = 7, ExpectedRevision = 3 }));
        Assert.Equal(-1, ExpectedVersionMapping.ActualVersion(new AppendResp.Types.WrongExpectedVersion { CurrentNoStream = new Empty(), ExpectedRevision = 3 }));
        Assert.Equal(2, ExpectedVersionMapping.ActualVersion(new AppendResp.Types.WrongExpectedVersion { CurrentRevision2060 = 2 }));
        Assert.Equal(-1, ExpectedVersionMapping.ActualVersion(new AppendResp.Types.WrongExpectedVersion { NoStream2060 = new Empty() }));
    }

    [Fact]
    public void A_successful_answer_gives_the_new_version_and_position()
    {
        var success = new AppendResp.Types.Success { CurrentRevision = 9, Position = new AppendResp.Types.Position { CommitPosition = 500, PreparePosition = 450 } };

        Assert.Equal(9, ExpectedVersionMapping.CurrentVersion(success));
        Assert.Equal(new GlobalPosition(500, 450), ExpectedVersionMapping.PositionOf(success));
        Assert.Equal(-1, ExpectedVersionMapping.CurrentVersion(new AppendResp.Types.Success { NoStream = new Empty(), NoPosition = new Empty() }));
    }

    [Fact]
    public void A_wrong_expected_version_refusal_carries_the_actual_version()
    {
        var ex = Refusal(StatusCode.FailedPrecondition, ("exception", "wrong-expected-version"), ("stream-name", "order-1"), ("expected-version", "3"), ("actual-version", "6"));

        var mapped = Assert.IsType<WrongExpectedVersionException>(RpcErrors.Translate(ex, "append", "order-1", 3));

        Assert.Equal("order-1", mapped.Stream);
        Assert.Equal(6, mapped.ActualVersion);
        Assert.Equal(ExpectedVersion.Exactly(3), mapped.Expected);
    }

    [Fact]
    public void A_deleted_stream_refusal_names_the_stream()
    {
        var ex = Refusal(StatusCode.FailedPrecondition, ("exception", "stream-deleted"), ("stream-name", "order-2"));

        var mapped = Assert.IsType<StreamDeletedException>(RpcErrors.Translate(ex, "read", "order-2"));

        Assert.Equal("order-2", mapped.Stream);
    }

    [Fact]
    public void Access_denied_and_bad_credentials_give_clear_errors()
    {
        var denied = RpcErrors.Translate(Refusal(StatusCode.PermissionDenied, ("exception", "access-denied")), "append", "secret-1");
        var unauthenticated = RpcErrors.Translate(Refusal(StatusCode.Unauthenticated), "append", "secret-1");

        Assert.Contains("secret-1", Assert.IsType<EventStoreDbAccessDeniedException>(denied).Message, StringComparison.Ordinal);
        Assert.Contains("credentials were not accepted", Assert.IsType<EventStoreDbAccessDeniedException>(unauthenticated).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_deadline_refusal_becomes_a_timeout_naming_the_operation()
    {
        var mapped = RpcErrors.Translate(Refusal(StatusCode.DeadlineExceeded), "append", "order-3");

        Assert.Contains("order-3", Assert.IsType<TimeoutException>(mapped).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Not_leader_and_unavailable_are_left_to_the_connection_which_reads_the_leaders_address()
    {
        var notLeader = Refusal(StatusCode.NotFound, ("exception", "not-leader"), ("leader-endpoint-host", "10.0.0.2"), ("leader-endpoint-port", "2113"));

        Assert.Null(RpcErrors.Translate(notLeader, "append", "s"));
        Assert.Equal(new EndPoint("10.0.0.2", 2113), RpcErrors.LeaderOf(notLeader));
        Assert.Null(RpcErrors.Translate(Refusal(StatusCode.Unavailable), "append", "s"));
        Assert.True(RpcErrors.IsTransient(Refusal(StatusCode.Unavailable)));
        Assert.True(RpcErrors.IsTransient(Refusal(StatusCode.Cancelled)));
        Assert.False(RpcErrors.IsTransient(Refusal(StatusCode.PermissionDenied)));
    }

    [Fact]
    public void A_call_that_never_reached_a_server_is_transient_whichever_status_the_client_gave_it()
    {
        // Grpc.Net.Client reports a failed HTTP/2 handshake (plain HTTP/2 against a TLS port) as Internal, sometimes
        // as Unknown: the node was never reached, so the call is the connection's failure, not the server's answer.
        var handshake = new HttpRequestException("An HTTP/2 connection could not be established because the server did not complete the HTTP/2 handshake.");
        var internalStatus = new RpcException(new Status(StatusCode.Internal, "Error starting gRPC call.", handshake));
        var unknownStatus = new RpcException(new Status(StatusCode.Unknown, "Error starting gRPC call.", new IOException("reset")));
        var serverInternal = new RpcException(new Status(StatusCode.Internal, "server bug"));

        Assert.True(RpcErrors.IsTransient(internalStatus));
        Assert.True(RpcErrors.IsTransient(unknownStatus));
        Assert.False(RpcErrors.IsTransient(serverInternal));
    }

    internal static RpcException Refusal(StatusCode code, params (string Key, string Value)[] trailers)
    {
        var metadata = new Metadata();
        foreach (var (key, value) in trailers)
        {
            metadata.Add(key, value);
        }

        return new RpcException(new Status(code, "refused"), metadata);
    }
}

using System.Globalization;
using Grpc.Core;

namespace Eventfold.EventStoreDb;

/// <summary>
/// Reads the server's refusals: EventStoreDB names the kind of error in the trailer <c>exception</c>
/// and adds details (stream name, versions, the leader's address) in further trailers.
/// </summary>
internal static class RpcErrors
{
    public const string ExceptionKey = "exception";
    public const string WrongExpectedVersion = "wrong-expected-version";
    public const string StreamDeleted = "stream-deleted";
    public const string AccessDenied = "access-denied";
    public const string NotLeader = "not-leader";
    public const string StreamNotFound = "stream-not-found";
    public const string MaximumAppendSizeExceeded = "maximum-append-size-exceeded";

    public static string? KindOf(RpcException ex) => ex.Trailers.GetValue(ExceptionKey);

    /// <summary>
    /// Whether another node (or the same one, reconnected) may serve the call. Cancelled counts when the
    /// caller did not cancel: the channel was disposed under the call after another call found its node gone.
    /// </summary>
    public static bool IsTransient(RpcException ex) =>
        ex.StatusCode is StatusCode.Unavailable or StatusCode.Cancelled || (ex.StatusCode is StatusCode.Unknown && KindOf(ex) is null && ex.InnerException is HttpRequestException or IOException);

    public static EndPoint? LeaderOf(RpcException ex)
    {
        string? host = ex.Trailers.GetValue("leader-endpoint-host");
        string? port = ex.Trailers.GetValue("leader-endpoint-port");
        return host is not null && int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out int p) ? new EndPoint(host, p) : null;
    }

    /// <summary>
    /// The exception a user sees for a refusal, or null when the refusal is one the caller handles
    /// itself (not leader, unavailable, stream not found).
    /// </summary>
    public static Exception? Translate(RpcException ex, string operation, string? stream, ExpectedVersion? expected = null)
    {
        string? kind = KindOf(ex);
        string? trailerStream = ex.Trailers.GetValue("stream-name");
        switch (kind)
        {
            case WrongExpectedVersion:
                long actual = long.TryParse(ex.Trailers.GetValue("actual-version"), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long a) ? a : -1;
                return new WrongExpectedVersionException(trailerStream ?? stream ?? "", expected ?? ExpectedVersion.Any, actual);
            case StreamDeleted:
                return new StreamDeletedException(trailerStream ?? stream ?? "");
            case AccessDenied:
                return new EventStoreDbAccessDeniedException(operation, stream, "the user lacks the permission (check the credentials in the connection string and the stream's ACL)", ex);
            case NotLeader or StreamNotFound:
                return null;
        }

        return ex.StatusCode switch
        {
            StatusCode.Unauthenticated => new EventStoreDbAccessDeniedException(operation, stream, "the credentials were not accepted", ex),
            StatusCode.PermissionDenied => new EventStoreDbAccessDeniedException(operation, stream, ex.Status.Detail, ex),
            StatusCode.DeadlineExceeded => new TimeoutException($"EventStoreDB did not {operation}{(stream is null ? "" : $" on stream '{stream}'")} before the deadline: {ex.Status.Detail}", ex),
            StatusCode.Unavailable => null,
            _ => null,
        };
    }
}

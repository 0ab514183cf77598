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
    /// Whether the node answered that it cannot serve the call now ("Server Is Too Busy" to a call,
    /// "Server Is Busy" to a batch append, "Server Is Not Ready" while it starts): the node is alive,
    /// so the call is tried there again after a pause instead of dropping it as a dead node.
    /// </summary>
    public static bool IsBusy(RpcException ex) =>
        ex.StatusCode == StatusCode.Unavailable && ex.Status.Detail is "Server Is Too Busy" or "Server Is Busy" or "Server Is Not Ready";

    /// <summary>
    /// Whether another node (or the same one, reconnected) may serve the call. Cancelled counts when the
    /// caller did not cancel: the channel was disposed under the call after another call found its node gone.
    /// Unknown and Internal count when the client made them up from a connection failure (no server trailer, an
    /// HTTP or IO exception inside): Grpc.Net.Client reports a failed HTTP/2 handshake as either.
    /// </summary>
    public static bool IsTransient(RpcException ex) =>
        ex.StatusCode is StatusCode.Unavailable or StatusCode.Cancelled
        || (ex.StatusCode is StatusCode.Unknown or StatusCode.Internal && KindOf(ex) is null && ex.InnerException is HttpRequestException or IOException);

    /// <summary>
    /// Why the TLS handshake failed (the server's certificate refused, or no common protocol), or null when
    /// it did not. Retrying cannot help, so callers fail at once, naming the node.
    /// </summary>
    public static string? TlsFailure(RpcException ex)
    {
        for (var inner = ex.InnerException; inner is not null; inner = inner.InnerException)
        {
            if (inner is System.Security.Authentication.AuthenticationException auth)
            {
                return $"TLS handshake failed: {auth.Message} (trust the server's CA with tlsCaFile, or set tlsVerifyCert=false for a development certificate)";
            }
        }

        return null;
    }

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

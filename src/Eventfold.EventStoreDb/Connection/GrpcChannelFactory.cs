using System.Net.Security;
using Grpc.Net.Client;

namespace Eventfold.EventStoreDb;

/// <summary>Opens HTTP/2 channels with the connection string's TLS and keep-alive settings.</summary>
internal sealed class GrpcChannelFactory(EventStoreDbSettings settings) : IChannelFactory
{
    public NodeChannel Open(EndPoint endPoint)
    {
        var handler = new SocketsHttpHandler
        {
            EnableMultipleHttp2Connections = true,
            // A node that is down should fail the attempt quickly so the next node or round can be tried.
            ConnectTimeout = Min(settings.DefaultDeadline, TimeSpan.FromSeconds(5)),
            KeepAlivePingDelay = settings.KeepAliveInterval,
            KeepAlivePingTimeout = settings.KeepAliveTimeout,
            KeepAlivePingPolicy = HttpKeepAlivePingPolicy.WithActiveRequests,
            PooledConnectionIdleTimeout = Timeout.InfiniteTimeSpan,
        };
        if (settings.UseTls && !settings.TlsVerifyCert)
        {
            handler.SslOptions = new SslClientAuthenticationOptions { RemoteCertificateValidationCallback = (_, _, _, _) => true };
        }

        var address = new Uri($"{(settings.UseTls ? "https" : "http")}://{FormatHost(endPoint.Host)}:{endPoint.Port}");
        var channel = GrpcChannel.ForAddress(address, new GrpcChannelOptions
        {
            HttpHandler = handler,
            DisposeHttpClient = true,
            MaxReceiveMessageSize = 17 * 1024 * 1024,
        });
        return new NodeChannel(endPoint, channel.CreateCallInvoker(), channel);
    }

    private static string FormatHost(string host) => host.Contains(':', StringComparison.Ordinal) ? $"[{host}]" : host;

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a == Timeout.InfiniteTimeSpan ? b : a < b ? a : b;
}

namespace Eventfold.EventStoreDb;

/// <summary>A node's host and HTTP/gRPC port.</summary>
public sealed record EndPoint(string Host, int Port)
{
    public const int DefaultPort = 2113;

    public override string ToString() => $"{Host}:{Port}";
}

namespace Eventfold.EventStoreDb;

/// <summary>What a connection string says: where the nodes are and how to talk to them.</summary>
public sealed record EventStoreDbSettings
{
    /// <summary>The hosts named in the connection string: the node itself, or the gossip seeds of a cluster.</summary>
    public required IReadOnlyList<EndPoint> Hosts { get; init; }

    /// <summary>True when the hosts are gossip seeds: the node to use is found through the cluster's gossip.</summary>
    public bool UseDiscovery { get; init; }

    public bool UseTls { get; init; } = true;

    public bool TlsVerifyCert { get; init; } = true;

    public string? UserName { get; init; }

    public string? Password { get; init; }

    public NodePreference NodePreference { get; init; } = NodePreference.Leader;

    /// <summary>The longest any one call (not a subscription) may take.</summary>
    public TimeSpan DefaultDeadline { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How many rounds of discovery (or reconnection to a single node) before giving up.</summary>
    public int MaxDiscoverAttempts { get; init; } = 10;

    /// <summary>The pause between two discovery rounds.</summary>
    public TimeSpan DiscoveryInterval { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>The longest a gossip read of one seed may take.</summary>
    public TimeSpan GossipTimeout { get; init; } = TimeSpan.FromSeconds(5);

    public TimeSpan KeepAliveInterval { get; init; } = TimeSpan.FromSeconds(10);

    public TimeSpan KeepAliveTimeout { get; init; } = TimeSpan.FromSeconds(10);

    public string? ConnectionName { get; init; }

    public bool HasCredentials => UserName is not null;
}

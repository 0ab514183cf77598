using System.Globalization;
using System.Text;

namespace Eventfold.EventStoreDb;

/// <summary>
/// What a connection string says: where the nodes are and how to talk to them. <see cref="ToString"/>
/// shows every setting but the password, which it writes as <c>***</c>, so settings can be logged.
/// </summary>
public sealed record EventStoreDbSettings
{
    /// <summary>The hosts named in the connection string: the node itself, or the gossip seeds of a cluster.</summary>
    public required IReadOnlyList<EndPoint> Hosts { get; init; }

    /// <summary>True when the hosts are gossip seeds: the node to use is found through the cluster's gossip.</summary>
    public bool UseDiscovery { get; init; }

    public bool UseTls { get; init; } = true;

    public bool TlsVerifyCert { get; init; } = true;

    /// <summary>A CA certificate file (PEM or DER) the server's certificate must chain to, instead of the machine's trusted roots.</summary>
    public string? TlsCaFile { get; init; }

    public string? UserName { get; init; }

    /// <summary>Sent with every call; never shown by <see cref="ToString"/>.</summary>
    public string? Password { get; init; }

    public NodePreference NodePreference { get; init; } = NodePreference.Leader;

    /// <summary>
    /// The longest a unary call (an append, a version, a gossip read) may take, and the longest a
    /// streaming read or subscription may wait for its first answer; a stream as a whole has none.
    /// </summary>
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

    // The record's ToString, without the password.
    private bool PrintMembers(StringBuilder builder)
    {
        var c = CultureInfo.InvariantCulture;
        builder.Append(c, $"Hosts = [{string.Join(", ", Hosts)}], UseDiscovery = {UseDiscovery}, UseTls = {UseTls}, TlsVerifyCert = {TlsVerifyCert}, ");
        builder.Append(c, $"TlsCaFile = {TlsCaFile}, UserName = {UserName}, Password = {(Password is null ? "" : "***")}, NodePreference = {NodePreference}, ");
        builder.Append(c, $"DefaultDeadline = {DefaultDeadline}, MaxDiscoverAttempts = {MaxDiscoverAttempts}, DiscoveryInterval = {DiscoveryInterval}, GossipTimeout = {GossipTimeout}, ");
        builder.Append(c, $"KeepAliveInterval = {KeepAliveInterval}, KeepAliveTimeout = {KeepAliveTimeout}, ConnectionName = {ConnectionName}, HasCredentials = {HasCredentials}");
        return true;
    }
}

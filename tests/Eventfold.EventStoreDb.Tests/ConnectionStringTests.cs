namespace Eventfold.EventStoreDb.Tests;

public class ConnectionStringTests
{
    [Fact]
    public void A_single_host_connects_directly_with_tls_by_default()
    {
        var s = ConnectionString.Parse("esdb://localhost");

        Assert.Equal([new EndPoint("localhost", 2113)], s.Hosts);
        Assert.False(s.UseDiscovery);
        Assert.True(s.UseTls);
        Assert.True(s.TlsVerifyCert);
        Assert.Equal(NodePreference.Leader, s.NodePreference);
        Assert.Null(s.UserName);
    }

    [Fact]
    public void Options_are_read_whatever_their_case()
    {
        var s = ConnectionString.Parse(
            "esdb://127.0.0.1:2114/?TLS=false&tlsVerifyCert=false&nodePreference=Follower&defaultDeadline=2500" +
            "&maxDiscoverAttempts=3&discoveryInterval=50&gossipTimeout=700&keepAliveInterval=-1&keepAliveTimeout=3000&connectionName=billing");

        Assert.Equal([new EndPoint("127.0.0.1", 2114)], s.Hosts);
        Assert.False(s.UseTls);
        Assert.False(s.TlsVerifyCert);
        Assert.Equal(NodePreference.Follower, s.NodePreference);
        Assert.Equal(TimeSpan.FromMilliseconds(2500), s.DefaultDeadline);
        Assert.Equal(3, s.MaxDiscoverAttempts);
        Assert.Equal(TimeSpan.FromMilliseconds(50), s.DiscoveryInterval);
        Assert.Equal(TimeSpan.FromMilliseconds(700), s.GossipTimeout);
        Assert.Equal(Timeout.InfiniteTimeSpan, s.KeepAliveInterval);
        Assert.Equal(TimeSpan.FromSeconds(3), s.KeepAliveTimeout);
        Assert.Equal("billing", s.ConnectionName);
    }

    [Fact]
    public void Credentials_are_read_and_unescaped()
    {
        var s = ConnectionString.Parse("esdb://admin:chan%40ge:it@db.example.com:2113?tls=true");

        Assert.Equal("admin", s.UserName);
        Assert.Equal("chan@ge:it", s.Password);
        Assert.True(s.HasCredentials);
        Assert.Equal("db.example.com", s.Hosts[0].Host);
    }

    [Fact]
    public void Several_hosts_make_a_cluster_found_by_gossip()
    {
        var s = ConnectionString.Parse("esdb://node1:2111,node2:2112,node3?nodePreference=random");

        Assert.True(s.UseDiscovery);
        Assert.Equal([new EndPoint("node1", 2111), new EndPoint("node2", 2112), new EndPoint("node3", 2113)], s.Hosts);
        Assert.Equal(NodePreference.Random, s.NodePreference);
    }

    [Fact]
    public void The_discover_scheme_uses_gossip_even_for_one_host()
    {
        var s = ConnectionString.Parse("esdb+discover://cluster.example.com:2113");

        Assert.True(s.UseDiscovery);
        Assert.Single(s.Hosts);
    }

    [Fact]
    public void An_ipv6_host_is_written_in_brackets()
    {
        var s = ConnectionString.Parse("esdb://[::1]:2115?tls=false");

        Assert.Equal(new EndPoint("::1", 2115), s.Hosts[0]);
    }

    [Theory]
    [InlineData("http://localhost:2113", "must start with 'esdb://'")]
    [InlineData("esdb://", "names no host")]
    [InlineData("esdb://localhost:99999", "port '99999'")]
    [InlineData("esdb://localhost:abc", "port 'abc'")]
    [InlineData("esdb://a,,b", "empty")]
    [InlineData("esdb://localhost?tls=maybe", "'tls' must be 'true' or 'false', not 'maybe'")]
    [InlineData("esdb://localhost?nodePreference=nearest", "not 'nearest'")]
    [InlineData("esdb://localhost?defaultDeadline=soon", "'defaultDeadline' must be a number of milliseconds")]
    [InlineData("esdb://localhost?maxDiscoverAttempts=0", "'maxDiscoverAttempts' must be a whole number of 1 or more")]
    [InlineData("esdb://localhost?colour=blue", "option 'colour' is unknown")]
    [InlineData("esdb://localhost?tls", "'tls' must be written 'key=value'")]
    [InlineData("esdb://admin@localhost", "'user:password@'")]
    [InlineData("esdb://localhost/path?tls=false", "a path is not allowed")]
    public void Bad_connection_strings_say_what_is_wrong(string text, string expected)
    {
        var ex = Assert.Throws<InvalidConnectionStringException>(() => ConnectionString.Parse(text));

        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Errors_never_show_the_password()
    {
        var ex = Assert.Throws<InvalidConnectionStringException>(() => ConnectionString.Parse("esdb://admin:s3cret@localhost?bogus=1"));

        Assert.DoesNotContain("s3cret", ex.Message, StringComparison.Ordinal);
        Assert.Contains("admin:***@localhost", ex.Message, StringComparison.Ordinal);
    }
}

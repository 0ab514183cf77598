using System.Globalization;

namespace Eventfold.EventStoreDb;

/// <summary>
/// Reads EventStoreDB connection strings, in the form the official clients accept:
/// <c>esdb://[user:password@]host[:port][,host[:port]...][/]?key=value&amp;...</c> for a node (several
/// hosts make a cluster found by gossip), and <c>esdb+discover://</c> for gossip seeds or a DNS name.
/// </summary>
public static class ConnectionString
{
    private const string Scheme = "esdb://";
    private const string DiscoverScheme = "esdb+discover://";

    public static EventStoreDbSettings Parse(string connectionString)
    {
        ArgumentNullException.ThrowIfNull(connectionString);
        var text = connectionString.Trim();

        bool discover;
        string rest;
        if (text.StartsWith(DiscoverScheme, StringComparison.OrdinalIgnoreCase))
        {
            discover = true;
            rest = text[DiscoverScheme.Length..];
        }
        else if (text.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase))
        {
            discover = false;
            rest = text[Scheme.Length..];
        }
        else
        {
            throw Fail("it must start with 'esdb://' or 'esdb+discover://'");
        }

        string? query = null;
        int queryStart = rest.IndexOf('?', StringComparison.Ordinal);
        if (queryStart >= 0 && rest.LastIndexOf('@') > queryStart)
        {
            // Either a password holds '?' or an option value holds '@': the split cannot be told, and
            // saying which option is wrong could quote part of a password.
            throw Fail("an '@' comes after the '?': percent-encode '?' in a user name or password (%3F), and '@' in an option value (%40)");
        }

        if (queryStart >= 0)
        {
            query = rest[(queryStart + 1)..];
            rest = rest[..queryStart];
        }

        rest = rest.TrimEnd('/');
        if (rest.Contains('/', StringComparison.Ordinal))
        {
            throw Fail("a path is not allowed after the hosts");
        }

        string? user = null, password = null;
        int at = rest.LastIndexOf('@');
        if (at >= 0)
        {
            (user, password) = ParseUserInfo(rest[..at]);
            rest = rest[(at + 1)..];
        }

        var hosts = ParseHosts(rest);
        var settings = new EventStoreDbSettings
        {
            Hosts = hosts,
            UseDiscovery = discover || hosts.Count > 1,
            UserName = user,
            Password = password,
        };

        return query is null ? settings : ApplyOptions(settings, query);

        (string User, string Password) ParseUserInfo(string userInfo)
        {
            int colon = userInfo.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0 || colon == userInfo.Length - 1)
            {
                throw Fail("credentials must be written 'user:password@' (percent-encode '@', ':', '?' and '/' in them)");
            }

            return (Uri.UnescapeDataString(userInfo[..colon]), Uri.UnescapeDataString(userInfo[(colon + 1)..]));
        }

        List<EndPoint> ParseHosts(string hostList)
        {
            if (hostList.Length == 0)
            {
                throw Fail("it names no host");
            }

            var result = new List<EndPoint>();
            foreach (var entry in hostList.Split(','))
            {
                result.Add(ParseHost(entry.Trim()));
            }

            return result;
        }

        EndPoint ParseHost(string entry)
        {
            if (entry.Length == 0)
            {
                throw Fail("a host in the list is empty");
            }

            string host;
            string? port = null;
            if (entry.StartsWith('['))
            {
                int close = entry.IndexOf(']', StringComparison.Ordinal);
                if (close < 0)
                {
                    throw Fail($"host '{entry}' opens '[' without closing it");
                }

                host = entry[1..close];
                if (close + 1 < entry.Length)
                {
                    if (entry[close + 1] != ':')
                    {
                        throw Fail($"host '{entry}' has text after ']' that is not a port");
                    }

                    port = entry[(close + 2)..];
                }
            }
            else
            {
                int colon = entry.LastIndexOf(':');
                host = colon < 0 ? entry : entry[..colon];
                port = colon < 0 ? null : entry[(colon + 1)..];
            }

            if (host.Length == 0)
            {
                throw Fail($"host '{entry}' has no name");
            }

            if (port is null)
            {
                return new EndPoint(host, EndPoint.DefaultPort);
            }

            if (!int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out int number) || number is < 1 or > 65535)
            {
                throw Fail($"port '{port}' of host '{host}' is not a number from 1 to 65535");
            }

            return new EndPoint(host, number);
        }

        EventStoreDbSettings ApplyOptions(EventStoreDbSettings s, string queryText)
        {
            foreach (var pair in queryText.Split('&', StringSplitOptions.RemoveEmptyEntries))
            {
                int eq = pair.IndexOf('=', StringComparison.Ordinal);
                if (eq <= 0)
                {
                    throw Fail($"option '{pair}' must be written 'key=value'");
                }

                string key = pair[..eq];
                string value = Uri.UnescapeDataString(pair[(eq + 1)..]);
                s = key.ToLowerInvariant() switch
                {
                    "tls" => s with { UseTls = Bool(key, value) },
                    "tlsverifycert" => s with { TlsVerifyCert = Bool(key, value) },
                    "tlscafile" => s with { TlsCaFile = CaFile(key, value) },
                    "nodepreference" => s with { NodePreference = Preference(value) },
                    "defaultdeadline" => s with { DefaultDeadline = Milliseconds(key, value) },
                    "maxdiscoverattempts" => s with { MaxDiscoverAttempts = PositiveInt(key, value) },
                    "discoveryinterval" => s with { DiscoveryInterval = Milliseconds(key, value) },
                    "gossiptimeout" => s with { GossipTimeout = Milliseconds(key, value) },
                    "keepaliveinterval" => s with { KeepAliveInterval = Milliseconds(key, value) },
                    "keepalivetimeout" => s with { KeepAliveTimeout = Milliseconds(key, value) },
                    "connectionname" => s with { ConnectionName = value },
                    _ => throw Fail($"option '{key}' is unknown (known: tls, tlsVerifyCert, tlsCaFile, nodePreference, defaultDeadline, maxDiscoverAttempts, discoveryInterval, gossipTimeout, keepAliveInterval, keepAliveTimeout, connectionName)"),
                };
            }

            return s;
        }

        // Read here so a missing or unreadable file fails at startup, not at the first call.
        string CaFile(string key, string path)
        {
            try
            {
                using var _ = TrustedCa.Load(path);
                return path;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException)
            {
                throw Fail($"option '{key}': the certificate file '{path}' could not be read ({ex.Message})");
            }
        }

        bool Bool(string key, string value) => value.ToLowerInvariant() switch
        {
            "true" => true,
            "false" => false,
            _ => throw Fail($"option '{key}' must be 'true' or 'false', not '{value}'"),
        };

        NodePreference Preference(string value) => value.ToLowerInvariant() switch
        {
            "leader" => NodePreference.Leader,
            "follower" => NodePreference.Follower,
            "random" => NodePreference.Random,
            "readonlyreplica" => NodePreference.ReadOnlyReplica,
            _ => throw Fail($"nodePreference must be leader, follower, random or readOnlyReplica, not '{value}'"),
        };

        TimeSpan Milliseconds(string key, string value)
        {
            if (!long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long ms) || ms < -1)
            {
                throw Fail($"option '{key}' must be a number of milliseconds, not '{value}'");
            }

            return ms == -1 ? Timeout.InfiniteTimeSpan : TimeSpan.FromMilliseconds(ms);
        }

        int PositiveInt(string key, string value)
        {
            if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int n) || n < 1)
            {
                throw Fail($"option '{key}' must be a whole number of 1 or more, not '{value}'");
            }

            return n;
        }

        InvalidConnectionStringException Fail(string reason) => new(connectionString, reason);
    }
}

using System.Text;
using Eventfold.EventStoreDb.Protocol;
using Eventfold.EventStoreDb.Protocol.Gossip;
using Grpc.Core;

namespace Eventfold.EventStoreDb;

/// <summary>
/// Keeps one channel to the node the connection string asks for. With discovery it reads the
/// cluster's gossip from the seeds (and from members it already knows) to find that node; when a
/// call finds the node gone or no longer the leader it drops the channel (which closes once the
/// calls still running on it end), and the next call discovers again, following the leader's
/// address when the old node named it. A node that answers it is too busy is kept, and the call is
/// tried there again after a growing pause.
/// </summary>
internal sealed class ClusterConnection : IDisposable
{
    private readonly IChannelFactory _channels;
    private readonly TimeProvider _time;
    private readonly Random _random;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly string? _authorization;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<NodeChannel, byte> _open = new();
    private NodeChannel? _current;
    private EndPoint? _leaderHint;
    private EndPoint? _lastNode;
    private IReadOnlyList<EndPoint> _knownMembers = [];
    private bool _disposed;

    public ClusterConnection(EventStoreDbSettings settings, IChannelFactory channels, TimeProvider time, Random random, ConnectionTelemetry? telemetry = null)
    {
        Settings = settings;
        Telemetry = telemetry ?? new ConnectionTelemetry(null);
        _channels = channels;
        _time = time;
        _random = random;
        if (settings.UserName is not null)
        {
            _authorization = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{settings.UserName}:{settings.Password}"));
        }
    }

    public EventStoreDbSettings Settings { get; }

    public ConnectionTelemetry Telemetry { get; }

    /// <summary>
    /// Runs a call on the chosen node, moving to another node (or reconnecting) when the node is
    /// unreachable or not the leader, for at most <see cref="EventStoreDbSettings.MaxDiscoverAttempts"/>
    /// rounds. Refusals the server means (wrong version, access denied) pass through untouched.
    /// </summary>
    public async Task<T> ExecuteAsync<T>(string operation, Func<NodeChannel, CancellationToken, Task<T>> call, CancellationToken ct)
    {
        var attempts = new List<string>();
        Exception? last = null;
        int busyInARow = 0;
        for (int round = 1; ; round++)
        {
            bool busy = false;
            var node = await TryGetNodeAsync(attempts, ct).ConfigureAwait(false);
            if (node is null)
            {
                Telemetry.NoNode(operation, attempts.Count > 0 ? attempts[^1] : "no host answered", round, Settings.MaxDiscoverAttempts);
            }
            else
            {
                try
                {
                    var answer = await call(node, ct).ConfigureAwait(false);
                    Telemetry.CallEnded(ok: true);
                    return answer;
                }
                catch (RpcException ex) when (RpcErrors.KindOf(ex) == RpcErrors.NotLeader)
                {
                    last = ex;
                    var leader = RpcErrors.LeaderOf(ex);
                    attempts.Add($"{node.EndPoint}: not the leader{(leader is null ? "" : $" (leader is {leader})")}");
                    Telemetry.Retrying(operation, node.EndPoint, "not_leader", leader is null ? "leader unknown" : $"leader is {leader}", round, Settings.MaxDiscoverAttempts);
                    Drop(node, leader);
                    if (leader is not null && round < Settings.MaxDiscoverAttempts)
                    {
                        continue;
                    }
                }
                catch (RpcException ex) when (RpcErrors.TlsFailure(ex) is { } tls)
                {
                    Drop(node, null);
                    Telemetry.CallEnded(ok: false);
                    var failure = new EventStoreDbUnavailableException(operation, [.. attempts, $"{node.EndPoint}: {tls}"], ex);
                    Telemetry.GaveUp(operation, round, failure);
                    throw failure;
                }
                catch (RpcException ex) when (RpcErrors.IsBusy(ex) && !ct.IsCancellationRequested)
                {
                    last = ex;
                    busy = true;
                    attempts.Add($"{node.EndPoint}: too busy to serve ({ex.Status.Detail})");
                    Telemetry.Retrying(operation, node.EndPoint, "busy", ex.Status.Detail, round, Settings.MaxDiscoverAttempts);
                }
                catch (RpcException ex) when (RpcErrors.IsTransient(ex) && !ct.IsCancellationRequested)
                {
                    last = ex;
                    attempts.Add($"{node.EndPoint}: {Describe(ex)}");
                    Telemetry.Retrying(operation, node.EndPoint, "unavailable", Describe(ex), round, Settings.MaxDiscoverAttempts);
                    Drop(node, null);
                }
                catch (Exception) when (!ct.IsCancellationRequested)
                {
                    Telemetry.CallEnded(ok: false); // a refusal the server means (wrong version, access denied): not retried
                    throw;
                }
                finally
                {
                    node.Release();
                }
            }

            if (round >= Settings.MaxDiscoverAttempts)
            {
                Telemetry.CallEnded(ok: false);
                var failure = new EventStoreDbUnavailableException(operation, attempts, last);
                Telemetry.GaveUp(operation, round, failure);
                throw failure;
            }

            busyInARow = busy ? busyInARow + 1 : 0;
            await Task.Delay(PauseBeforeRetry(busyInARow), _time, ct).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// The pause before the next attempt: <see cref="EventStoreDbSettings.DiscoveryInterval"/>, or
    /// for a node too busy to serve (<paramref name="busyInARow"/> answers in a row) twice as long
    /// each time, up to 5 s, with a little jitter so many clients do not come back at once.
    /// </summary>
    public TimeSpan PauseBeforeRetry(int busyInARow)
    {
        var interval = Settings.DiscoveryInterval;
        if (busyInARow == 0)
        {
            return interval;
        }

        var longest = TimeSpan.FromSeconds(5) > interval ? TimeSpan.FromSeconds(5) : interval;
        double factor = Math.Pow(2, Math.Min(busyInARow - 1, 16)) * (1 + (Random.Shared.NextDouble() / 4));
        var pause = interval * factor;
        return pause < longest ? pause : longest;
    }

    /// <summary>
    /// The node to call now, with a lease the caller must <see cref="NodeChannel.Release"/> when its
    /// call ends, discovering the node when there is none; null (with the reasons added to
    /// <paramref name="attempts"/>) when no node could be found in this round. Never a closed channel.
    /// </summary>
    public async Task<NodeChannel?> TryGetNodeAsync(List<string> attempts, CancellationToken ct)
    {
        while (true)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (Volatile.Read(ref _current) is { } current)
            {
                if (current.TryAcquire())
                {
                    return current;
                }

                // Dropped and closed between the read and the lease: forget it and look again.
                Interlocked.CompareExchange(ref _current, null, current);
                continue;
            }

            await _gate.WaitAsync(ct).ConfigureAwait(false);
            try
            {
                if (_current is null)
                {
                    var opened = Settings.UseDiscovery ? await DiscoverAsync(attempts, ct).ConfigureAwait(false) : _channels.Open(_leaderHint ?? Settings.Hosts[0]);
                    if (opened is null)
                    {
                        return null;
                    }

                    foreach (var closed in _open.Keys.Where(c => c.IsClosed))
                    {
                        _open.TryRemove(closed, out _);
                    }

                    _open[opened] = 0;
                    _current = opened;
                    Telemetry.Connected(opened.EndPoint, _lastNode);
                    _lastNode = opened.EndPoint;
                    if (_disposed)
                    {
                        opened.Dispose(); // Dispose ran while this node was being found
                    }
                }
            }
            finally
            {
                _gate.Release();
            }
        }
    }

    /// <summary>
    /// Stops handing <paramref name="node"/> out after a failure; the next call discovers again, trying
    /// <paramref name="leader"/> first. Calls still running on the node go on: its channel closes when the last ends.
    /// </summary>
    public void Drop(NodeChannel node, EndPoint? leader)
    {
        if (Interlocked.CompareExchange(ref _current, null, node) == node)
        {
            node.Release();
        }

        _leaderHint = leader;
    }

    /// <summary>Headers and deadline for one call: credentials, whether only the leader may serve it, the connection's name.</summary>
    public CallOptions CallOptions(CancellationToken ct, bool withDeadline = true)
    {
        var headers = new Metadata();
        if (_authorization is not null)
        {
            headers.Add("authorization", _authorization);
        }

        if (Settings.NodePreference == NodePreference.Leader)
        {
            headers.Add("requires-leader", "true");
        }

        if (Settings.ConnectionName is not null)
        {
            headers.Add("connection-name", Settings.ConnectionName);
        }

        DateTime? deadline = withDeadline && Settings.DefaultDeadline != System.Threading.Timeout.InfiniteTimeSpan
            ? _time.GetUtcNow().UtcDateTime + Settings.DefaultDeadline
            : null;
        return new CallOptions(headers, deadline, ct);
    }

    public static string Describe(RpcException ex) =>
        RpcErrors.TlsFailure(ex) ?? (ex.InnerException is { } inner ? $"{ex.StatusCode} ({inner.Message})" : $"{ex.StatusCode} ({ex.Status.Detail})");

    /// <summary>Closes every channel, the dropped ones that calls still use included: the store is going away.</summary>
    public void Dispose()
    {
        _disposed = true;
        Interlocked.Exchange(ref _current, null);
        foreach (var channel in _open.Keys)
        {
            channel.Dispose();
        }

        _open.Clear();
    }

    private async Task<NodeChannel?> DiscoverAsync(List<string> attempts, CancellationToken ct)
    {
        if (_leaderHint is { } hint)
        {
            // The old node named the new leader: go there directly, as gossip may lag behind.
            _leaderHint = null;
            return _channels.Open(hint);
        }

        var candidates = _knownMembers.Concat(Settings.Hosts).Distinct().ToArray();
        foreach (var seed in candidates)
        {
            var channel = _channels.Open(seed);
            try
            {
                var options = CallOptions(ct, withDeadline: false).WithDeadline(_time.GetUtcNow().UtcDateTime + Settings.GossipTimeout);
                var cluster = await new Protocol.Gossip.Gossip.GossipClient(channel.Invoker).ReadAsync(new Empty(), options).ResponseAsync.ConfigureAwait(false);
                _knownMembers = cluster.Members
                    .Where(m => m.HttpEndPoint is not null)
                    .Select(m => new EndPoint(m.HttpEndPoint.Address, (int)m.HttpEndPoint.Port))
                    .ToArray();
                if (NodeSelector.Select(cluster, Settings.NodePreference, _random) is not { } chosen)
                {
                    attempts.Add($"gossip from {seed}: no live member can serve ({string.Join(", ", cluster.Members.Select(m => $"{m.HttpEndPoint?.Address}:{m.HttpEndPoint?.Port} {m.State}{(m.IsAlive ? "" : " dead")}"))})");
                    channel.Dispose();
                    continue;
                }

                if (chosen == seed)
                {
                    return channel;
                }

                channel.Dispose();
                return _channels.Open(chosen);
            }
            catch (RpcException ex) when (!ct.IsCancellationRequested)
            {
                attempts.Add($"gossip from {seed}: {Describe(ex)}");
                channel.Dispose();
            }
        }

        return null;
    }
}

using System.Diagnostics;
using System.Text.Json;
using K8sGossip.Operator.Crds;
using K8sGossip.Operator.Planning;
using K8sGossip.Rpc;
using K8sGossip.Rpc.Client;
using K8sGossip.Sidecar.LocalApi;
using K8sGossip.Sidecar.LocalApi.Protos;

namespace K8sGossip.Benchmarks.Rolling;

/// <summary>
/// Samples a local network every 100 ms while its peers restart one by one: the orderer's channel heights (admin
/// <c>/status</c>), and each peer's heights and leadership (local API <c>Status</c>). It keeps the longest time an
/// organization had no leader in a leader-electing channel, and the longest time a running peer that was not being
/// restarted made no progress while the orderer was ahead of it.
/// </summary>
internal sealed class RollingUpgradeProbe : IAsyncDisposable
{
    private static readonly TimeSpan Period = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan CallTimeout = TimeSpan.FromMilliseconds(800);

    private readonly NetworkPlan _plan;
    private readonly Dictionary<string, RpcChannel> _peers;
    private readonly HttpClient _http = new() { Timeout = CallTimeout };
    private readonly Dictionary<(string Organization, string Channel), long> _lastLeaderSeen = [];
    private readonly Dictionary<(string Peer, string Channel), (ulong Height, long Since)> _progress = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _lock = new();
    private Task _loop = Task.CompletedTask;
    private Dictionary<string, ulong> _ordererHeights = [];
    private string? _restarting;

    public RollingUpgradeProbe(NetworkPlan plan)
    {
        _plan = plan;
        _peers = plan.Peers.ToDictionary(p => p.Name, p => new RpcChannel(new Uri($"http://{p.LocalApiEndpoint}")));
    }

    /// <summary>Longest time, in seconds, an organization had no peer reporting itself leader of a gossip-mode channel.</summary>
    public double MaxLeaderlessSeconds { get; private set; }

    /// <summary>Longest time, in seconds, a running peer (not the one restarting) stayed at a height below the orderer's.</summary>
    public double MaxStallSeconds { get; private set; }

    /// <summary>The orderer's height per channel at the last sample.</summary>
    public IReadOnlyDictionary<string, ulong> OrdererHeights
    {
        get
        {
            lock (_lock)
            {
                return _ordererHeights;
            }
        }
    }

    /// <summary>Each peer's heights per channel at the last sample it answered.</summary>
    public Dictionary<string, Dictionary<string, ulong>> PeerHeights { get; } = [];

    /// <summary>The peer being restarted now (its stall does not count), or null.</summary>
    public void Restarting(string? peer)
    {
        lock (_lock)
        {
            _restarting = peer;
            if (peer is null)
            {
                // The restarted peer's progress clock starts again from now.
                foreach (var key in _progress.Keys.ToList())
                {
                    _progress[key] = (_progress[key].Height, Stopwatch.GetTimestamp());
                }
            }
        }
    }

    public void Start() => _loop = Task.Run(() => RunAsync(_stop.Token));

    /// <summary>Resets the maxima, e.g. after the network settled.</summary>
    public void ResetMaxima()
    {
        lock (_lock)
        {
            MaxLeaderlessSeconds = 0;
            MaxStallSeconds = 0;
            var now = Stopwatch.GetTimestamp();
            foreach (var key in _lastLeaderSeen.Keys.ToList())
            {
                _lastLeaderSeen[key] = now;
            }

            foreach (var key in _progress.Keys.ToList())
            {
                _progress[key] = (_progress[key].Height, now);
            }
        }
    }

    /// <summary>Counts the gap still open at the end (a leader that never came back).</summary>
    public void Finish()
    {
        var now = Stopwatch.GetTimestamp();
        lock (_lock)
        {
            foreach (var previous in _lastLeaderSeen.Values)
            {
                MaxLeaderlessSeconds = Math.Max(MaxLeaderlessSeconds, Stopwatch.GetElapsedTime(previous, now).TotalSeconds - Period.TotalSeconds);
            }
        }
    }

    /// <summary>True when every peer answered its last sample with every channel at or above <paramref name="target"/>.</summary>
    public bool AllAtLeast(IReadOnlyDictionary<string, ulong> target, string? only = null)
    {
        lock (_lock)
        {
            foreach (var peer in _plan.Peers.Where(p => only is null || p.Name == only))
            {
                var organization = _plan.Organizations.First(o => o.Name == peer.Organization);
                foreach (var channel in organization.Channels)
                {
                    if (!PeerHeights.TryGetValue(peer.Name, out var heights) || !heights.TryGetValue(channel, out var height)
                        || height < target.GetValueOrDefault(channel))
                    {
                        return false;
                    }
                }
            }

            return true;
        }
    }

    private async Task RunAsync(CancellationToken ct)
    {
        using var timer = new PeriodicTimer(Period);
        while (await timer.WaitForNextTickAsync(ct).ConfigureAwait(false))
        {
            var orderer = ReadOrdererAsync(ct);
            var peers = _plan.Peers.Select(p => ReadPeerAsync(p.Name, ct)).ToList();
            var ordererHeights = await orderer.ConfigureAwait(false);
            var replies = await Task.WhenAll(peers).ConfigureAwait(false);
            Record(ordererHeights, replies);
        }
    }

    private void Record(Dictionary<string, ulong>? ordererHeights, (string Peer, StatusReply? Reply)[] replies)
    {
        var now = Stopwatch.GetTimestamp();
        lock (_lock)
        {
            if (ordererHeights is not null)
            {
                _ordererHeights = ordererHeights;
            }

            var leaders = new HashSet<(string Organization, string Channel)>();
            foreach (var (peer, reply) in replies)
            {
                if (reply is null)
                {
                    continue;
                }

                var organization = _plan.Peers.First(p => p.Name == peer).Organization;
                var heights = PeerHeights.TryGetValue(peer, out var known) ? known : PeerHeights[peer] = [];
                foreach (var channel in reply.Channels)
                {
                    heights[channel.Name] = channel.Height;
                    if (channel.Leader)
                    {
                        leaders.Add((organization, channel.Name));
                    }

                    var key = (peer, channel.Name);
                    if (!_progress.TryGetValue(key, out var progress) || channel.Height > progress.Height)
                    {
                        _progress[key] = (channel.Height, now);
                    }
                    else if (peer != _restarting && _ordererHeights.GetValueOrDefault(channel.Name) > channel.Height)
                    {
                        MaxStallSeconds = Math.Max(MaxStallSeconds, Stopwatch.GetElapsedTime(progress.Since, now).TotalSeconds);
                    }
                }
            }

            foreach (var channel in _plan.Channels.Where(c => c.Mode == DisseminationMode.Gossip))
            {
                foreach (var member in channel.Members.Where(m => m.ElectsLeader))
                {
                    var key = (member.Organization, channel.Name);
                    if (leaders.Contains(key))
                    {
                        // Gaps count from the first leader seen, so start-up does not count as leaderless.
                        if (_lastLeaderSeen.TryGetValue(key, out var previous))
                        {
                            MaxLeaderlessSeconds = Math.Max(MaxLeaderlessSeconds, Stopwatch.GetElapsedTime(previous, now).TotalSeconds - Period.TotalSeconds);
                        }

                        _lastLeaderSeen[key] = now;
                    }
                }
            }
        }
    }

    private async Task<Dictionary<string, ulong>?> ReadOrdererAsync(CancellationToken ct)
    {
        try
        {
            using var document = JsonDocument.Parse(await _http.GetStringAsync(new Uri($"http://{_plan.Orderer!.AdminEndpoint}/status"), ct).ConfigureAwait(false));
            return document.RootElement.GetProperty("channels").EnumerateArray()
                .ToDictionary(c => c.GetProperty("name").GetString()!, c => c.GetProperty("height").GetUInt64());
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or JsonException or KeyNotFoundException)
        {
            return null;
        }
    }

    private async Task<(string, StatusReply?)> ReadPeerAsync(string peer, CancellationToken ct)
    {
        try
        {
            var reply = await _peers[peer].UnaryAsync(LocalApiMethods.Status, new StatusRequest(), new CallOptions(Deadline: DateTimeOffset.UtcNow + CallTimeout, CancellationToken: ct)).ConfigureAwait(false);
            return (peer, reply);
        }
        catch (Exception ex) when (ex is RpcException or HttpRequestException or IOException or OperationCanceledException && !ct.IsCancellationRequested)
        {
            return (peer, null);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _loop;
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }

        foreach (var channel in _peers.Values)
        {
            channel.Dispose();
        }

        _http.Dispose();
        _stop.Dispose();
    }
}

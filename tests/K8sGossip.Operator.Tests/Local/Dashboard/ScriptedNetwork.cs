using K8sGossip.Operator.Local.Status;

namespace K8sGossip.Operator.Tests.Local.Dashboard;

/// <summary>
/// A three-orgs network as the status source of a dashboard under test: three organizations of three peers, channel
/// <c>trade</c> (gossip, org1 and org2, with leaders) and <c>audit</c> (adaptive, org2 and org3). The test moves it
/// forward step by step; every snapshot is built from the script alone, so what the page must show is known exactly.
/// </summary>
internal sealed class ScriptedNetwork
{
    public static readonly DateTimeOffset Start = new(2026, 11, 21, 21, 0, 0, TimeSpan.Zero);

    private static readonly (string Name, string MspId, string[] Channels)[] Organizations =
    [
        ("org1", "Org1MSP", ["trade"]),
        ("org2", "Org2MSP", ["trade", "audit"]),
        ("org3", "Org3MSP", ["audit"]),
    ];

    private readonly Lock _lock = new();
    private readonly Dictionary<string, string> _states = [];
    private readonly Dictionary<string, int> _restarts = [];
    private readonly Dictionary<string, string> _tradeLeaders = new() { ["Org1MSP"] = "org1-0", ["Org2MSP"] = "org2-0" };
    private readonly List<NetworkEvent> _events = [];
    private int _step;
    private ulong _height = 12;

    public ScriptedNetwork()
    {
        foreach (var peer in PeerNames)
        {
            _states[peer] = PeerStates.Alive;
            _restarts[peer] = 0;
            _events.Add(new NetworkEvent(Start, "join", peer, $"{peer} joined the network"));
        }
    }

    public static IEnumerable<string> PeerNames =>
        Organizations.SelectMany(o => Enumerable.Range(0, 3).Select(i => $"{o.Name}-{i}"));

    /// <summary>How many latency points each channel's history holds in the current snapshot.</summary>
    public int LatencyPoints
    {
        get
        {
            lock (_lock)
            {
                return _step + 3;
            }
        }
    }

    public ulong OrdererHeight
    {
        get
        {
            lock (_lock)
            {
                return _height;
            }
        }
    }

    /// <summary>The orderer cuts <paramref name="blocks"/> more blocks; live peers follow (org3-2 stays one behind).</summary>
    public void Advance(ulong blocks)
    {
        lock (_lock)
        {
            _step++;
            _height += blocks;
        }
    }

    public void Kill(string peer)
    {
        lock (_lock)
        {
            _states[peer] = PeerStates.Dead;
            _events.Add(new NetworkEvent(Now(), "dead", peer, $"{peer} stopped answering"));
        }
    }

    public void ChangeLeader(string mspId, string peer)
    {
        lock (_lock)
        {
            _tradeLeaders[mspId] = peer;
            _events.Add(new NetworkEvent(Now(), "leader", peer, $"{peer} leads {mspId} in trade"));
        }
    }

    public NetworkStatus Current()
    {
        lock (_lock)
        {
            var organizations = Organizations.Select(o => new OrganizationStatusView(
                o.Name,
                o.MspId,
                [.. Enumerable.Range(0, 3).Select(i => Peer($"{o.Name}-{i}", o.MspId, o.Channels))])).ToList();
            var channels = new List<ChannelStatusView>
            {
                new("trade", "gossip", _height, new Dictionary<string, string>(_tradeLeaders), 21.5, 64.0, History(20)),
                new("audit", "adaptive", _height, new Dictionary<string, string>(), 9.25, 31.0, History(8)),
            };
            return new NetworkStatus(Now(), _height, "alive", channels, organizations, [.. _events]);
        }
    }

    private PeerStatusView Peer(string name, string mspId, string[] channels)
    {
        var dead = _states[name] == PeerStates.Dead;
        var behind = name == "org3-2" ? 1UL : 0UL;
        var height = dead ? 12UL : _height - behind;
        var leaderOf = channels.Where(c => c == "trade" && _tradeLeaders.GetValueOrDefault(mspId) == name).ToList();
        return new PeerStatusView(
            name,
            _states[name],
            height,
            _height - height,
            leaderOf,
            channels.ToDictionary(c => c, _ => height),
            _restarts[name],
            dead ? null : 4000 + PeerNames.ToList().IndexOf(name),
            dead ? null : 92.5);
    }

    private List<LatencyPoint> History(double baseMs) =>
        [.. Enumerable.Range(0, _step + 3).Select(i => new LatencyPoint(Start.AddSeconds(i), baseMs + (i % 4), (baseMs * 3) + (i % 5 * 6)))];

    private DateTimeOffset Now() => Start.AddSeconds(_step + 3);
}

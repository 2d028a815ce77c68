using System.Security.Cryptography;
using System.Text;
using K8sGossip.Gossip.Comm;

namespace K8sGossip.Gossip.Simulation;

/// <summary>
/// Many nodes in one process on a shared <see cref="VirtualTimeProvider"/>: every dial, frame and close is an event
/// on the virtual clock, with seeded delay, jitter, loss and optional reordering, so the same seed gives the same run.
/// Supports partitions (frames across the cut vanish, dials time out, nothing is signalled), silent crashes,
/// restarts (a new instance; frames reaching the old one are reset), per-link overrides and per-endpoint traffic counters.
/// </summary>
/// <remarks>Not thread-safe: everything runs on the simulation's thread, as the virtual clock requires.</remarks>
public sealed partial class SimulatedNetwork
{
    private readonly VirtualTimeProvider _time;
    private readonly Random _random;
    private readonly Dictionary<string, Host> _hosts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _aliases = new(StringComparer.Ordinal);
    private readonly Dictionary<(string, string), LinkOptions> _links = [];
    private readonly Dictionary<string, int> _partitionSide = new(StringComparer.Ordinal);
    private long _nextConnectionId;

    /// <summary>Creates a network on <paramref name="time"/>; <paramref name="seed"/> drives every delay and loss.</summary>
    public SimulatedNetwork(VirtualTimeProvider time, int seed, LinkOptions? defaults = null)
    {
        ArgumentNullException.ThrowIfNull(time);
        _time = time;
        _random = new Random(seed);
        Defaults = defaults ?? LinkOptions.Default;
        Defaults.Validate();
    }

    /// <summary>The shared clock.</summary>
    public VirtualTimeProvider Time => _time;

    /// <summary>Link behaviour where no override is set.</summary>
    public LinkOptions Defaults { get; set; }

    /// <summary>How long a dial into a partition or to a crashed node takes to fail. Default 3 s (a TCP connect timeout).</summary>
    public TimeSpan DialTimeout { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>Frames in flight per connection direction before <c>TrySend</c> refuses (the bounded send queue).</summary>
    public int MaxInFlightFrames { get; set; } = 4096;

    /// <summary>Largest frame a connection carries.</summary>
    public int MaxFrameBytes { get; set; } = 64 * 1024 * 1024;

    /// <summary>Raised for every delivered frame (a copy of its bytes), in delivery order.</summary>
    public event Action<FrameDelivery>? FrameDelivered;

    /// <summary>Connections created so far (both sides count once).</summary>
    public long ConnectionsCreated { get; private set; }

    /// <summary>Creates the transport of a new node at <paramref name="endpoint"/>. The TLS certificate hash defaults to
    /// a value derived from the endpoint and instance number.</summary>
    public SimulatedTransport CreateTransport(string endpoint, ReadOnlyMemory<byte>? tlsCertificateHash = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(endpoint);
        if (_hosts.TryGetValue(endpoint, out var existing) && existing.Current is { IsAlive: true })
        {
            throw new InvalidOperationException($"Endpoint {endpoint} already has a running node; crash it before restarting.");
        }

        var host = existing ?? new Host(endpoint);
        _hosts[endpoint] = host;
        host.Instances++;
        var hash = tlsCertificateHash?.ToArray() ?? SHA256.HashData(Encoding.UTF8.GetBytes($"{endpoint}#{host.Instances}"));
        host.Current = new SimulatedTransport(this, endpoint, hash);
        return host.Current;
    }

    /// <summary>Makes <paramref name="alias"/> (for example an internal or external DNS name) reach <paramref name="endpoint"/>.</summary>
    public void AddAlias(string alias, string endpoint)
    {
        ArgumentException.ThrowIfNullOrEmpty(alias);
        ArgumentException.ThrowIfNullOrEmpty(endpoint);
        _aliases[alias] = endpoint;
    }

    /// <summary>The node at <paramref name="endpoint"/> stops silently: its events stop and peers notice only silence.</summary>
    public void Crash(string endpoint)
    {
        if (_hosts.TryGetValue(Resolve(endpoint), out var host) && host.Current is { } current)
        {
            current.Kill();
        }
    }

    /// <summary>Starts a new instance at a crashed endpoint (a fresh transport; the old connections are gone).</summary>
    public SimulatedTransport Restart(string endpoint, ReadOnlyMemory<byte>? tlsCertificateHash = null)
    {
        Crash(endpoint);
        return CreateTransport(Resolve(endpoint), tlsCertificateHash);
    }

    /// <summary>Cuts the network between <paramref name="sideA"/> and <paramref name="sideB"/> (replacing any earlier cut).
    /// Endpoints in neither side still reach everyone.</summary>
    public void Partition(IEnumerable<string> sideA, IEnumerable<string> sideB) => Partition([sideA, sideB]);

    /// <summary>Cuts the network between every pair of the given sides (replacing any earlier cut).</summary>
    public void Partition(IReadOnlyList<IEnumerable<string>> sides)
    {
        ArgumentNullException.ThrowIfNull(sides);
        _partitionSide.Clear();
        for (var i = 0; i < sides.Count; i++)
        {
            foreach (var endpoint in sides[i])
            {
                _partitionSide[Resolve(endpoint)] = i + 1;
            }
        }
    }

    /// <summary>Removes the partition.</summary>
    public void Heal() => _partitionSide.Clear();

    /// <summary>Overrides the link between two endpoints (both directions).</summary>
    public void SetLink(string a, string b, LinkOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _links[LinkKey(Resolve(a), Resolve(b))] = options;
    }

    /// <summary>Removes a link override.</summary>
    public void ClearLink(string a, string b) => _links.Remove(LinkKey(Resolve(a), Resolve(b)));

    /// <summary>Traffic of an endpoint so far.</summary>
    public NodeNetworkStats GetStats(string endpoint) =>
        _hosts.TryGetValue(Resolve(endpoint), out var host) ? host.Traffic.ToStats() : NodeNetworkStats.Zero;

    /// <summary>Traffic of all endpoints together.</summary>
    public NodeNetworkStats TotalStats()
    {
        var total = new EndpointTraffic();
        foreach (var host in _hosts.Values)
        {
            total.FramesSent += host.Traffic.FramesSent;
            total.BytesSent += host.Traffic.BytesSent;
            total.FramesReceived += host.Traffic.FramesReceived;
            total.BytesReceived += host.Traffic.BytesReceived;
            total.FramesLost += host.Traffic.FramesLost;
        }

        return total.ToStats();
    }

    /// <summary>Whether frames between two endpoints are currently cut by a partition.</summary>
    public bool IsCut(string a, string b) =>
        _partitionSide.TryGetValue(Resolve(a), out var sa) && _partitionSide.TryGetValue(Resolve(b), out var sb) && sa != sb;

    private string Resolve(string endpoint) => _aliases.TryGetValue(endpoint, out var target) ? target : endpoint;

    private static (string, string) LinkKey(string a, string b) => string.CompareOrdinal(a, b) <= 0 ? (a, b) : (b, a);

    private LinkOptions LinkBetween(string a, string b) =>
        _links.Count > 0 && _links.TryGetValue(LinkKey(a, b), out var options) ? options : Defaults;

    private long OneWayDelayTicks(LinkOptions link)
    {
        var jitter = link.Jitter > TimeSpan.Zero ? (long)(link.Jitter.Ticks * _random.NextDouble()) : 0;
        return link.BaseDelay.Ticks + jitter;
    }

    private sealed class Host(string endpoint)
    {
        public string Endpoint { get; } = endpoint;

        public SimulatedTransport? Current { get; set; }

        public int Instances { get; set; }

        public EndpointTraffic Traffic { get; } = new();
    }
}

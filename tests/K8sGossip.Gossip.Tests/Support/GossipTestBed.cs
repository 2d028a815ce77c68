using K8sGossip.Gossip.Comm;
using K8sGossip.Gossip.Membership;
using K8sGossip.Gossip.Simulation;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace K8sGossip.Gossip.Tests.Support;

/// <summary>
/// Builds N nodes with real identities on one <see cref="SimulatedNetwork"/> and virtual clock: the scaffolding of
/// every protocol test. The seed fixes delays, losses and every node's randomness, so a test is a reproducible run.
/// </summary>
/// <example>
/// <code>
/// var bed = new GossipTestBed(seed: 7);
/// var nodes = bed.AddNodes("Org1MSP", 10);
/// bed.BootstrapFrom(nodes[0]);
/// foreach (var n in nodes) n.StartMembership();
/// bed.Time.RunUntil(() => bed.Converged(nodes), TimeSpan.FromSeconds(30));
/// </code>
/// </example>
public sealed class GossipTestBed
{
    private readonly Random _seeds;
    private readonly List<TestNode> _nodes = [];
    private readonly Dictionary<string, int> _perOrg = new(StringComparer.Ordinal);

    /// <summary>Creates a bed; <paramref name="organizations"/> are trusted (default Org1MSP..Org3MSP).</summary>
    public GossipTestBed(int seed, LinkOptions? link = null, params string[] organizations)
    {
        Seed = seed;
        _seeds = new Random(seed);
        Time = new VirtualTimeProvider(TestPki.Epoch);
        Network = new SimulatedNetwork(Time, _seeds.Next(), link);
        Bundle = TestPki.Bundle(organizations.Length > 0 ? organizations : ["Org1MSP", "Org2MSP", "Org3MSP"]);
    }

    /// <summary>The seed of the run.</summary>
    public int Seed { get; }

    /// <summary>The shared clock.</summary>
    public VirtualTimeProvider Time { get; }

    /// <summary>The simulated network.</summary>
    public SimulatedNetwork Network { get; }

    /// <summary>The trust bundle every node uses.</summary>
    public Gossip.Identity.TrustBundle Bundle { get; }

    /// <summary>Comm options of nodes created from now on.</summary>
    public CommOptions CommOptions { get; set; } = new();

    /// <summary>Which organizations share a channel (default: all of them).</summary>
    public IOrganizationTopology Topology { get; set; } = StaticOrganizationTopology.AllShare;

    /// <summary>Loggers of nodes (default: none).</summary>
    public ILoggerFactory LoggerFactory { get; set; } = NullLoggerFactory.Instance;

    /// <summary>Bootstrap endpoints given to membership of nodes, per organization.</summary>
    public Dictionary<string, List<string>> Bootstrap { get; } = new(StringComparer.Ordinal);

    /// <summary>Anchor peers' endpoints given to membership of every node.</summary>
    public List<string> Anchors { get; } = [];

    /// <summary>Adjusts each node's membership options before it starts (the node's own endpoints are already set).</summary>
    public Action<TestNode, MembershipOptions>? ConfigureMembership { get; set; }

    /// <summary>Every node created.</summary>
    public IReadOnlyList<TestNode> Nodes => _nodes;

    /// <summary>The next seed for a node's randomness.</summary>
    public int NextSeed() => _seeds.Next();

    /// <summary>Adds a node of <paramref name="mspId"/> listening on peer{i}.{msp}:7051; with
    /// <paramref name="external"/> it is also reachable (and advertised) as peer{i}.{msp}.example.com:443.</summary>
    public TestNode AddNode(string mspId, bool external = true)
    {
        var index = _perOrg.GetValueOrDefault(mspId);
        _perOrg[mspId] = index + 1;
        var endpoint = $"peer{index}.{mspId.ToLowerInvariant()}:7051";
        var externalEndpoint = external ? $"peer{index}.{mspId.ToLowerInvariant()}.example.com:443" : null;
        var credentials = TestPki.Peer(mspId, index);
        var transport = Network.CreateTransport(endpoint, credentials.TlsCertificateHash);
        if (externalEndpoint is not null)
        {
            Network.AddAlias(externalEndpoint, endpoint);
        }

        var node = new TestNode(this, mspId, index, endpoint, externalEndpoint, credentials, transport, NextSeed());
        _nodes.Add(node);
        return node;
    }

    /// <summary>Adds <paramref name="count"/> nodes of one organization.</summary>
    public IReadOnlyList<TestNode> AddNodes(string mspId, int count, bool external = true) =>
        [.. Enumerable.Range(0, count).Select(_ => AddNode(mspId, external))];

    /// <summary>Makes <paramref name="node"/> the bootstrap peer of its organization.</summary>
    public void BootstrapFrom(TestNode node)
    {
        if (!Bootstrap.TryGetValue(node.MspId, out var list))
        {
            Bootstrap[node.MspId] = list = [];
        }

        list.Add(node.Endpoint);
    }

    /// <summary>The membership options a node starts with: fast, Kubernetes-tuned defaults plus its endpoints,
    /// bootstrap and anchors.</summary>
    public MembershipOptions MembershipOptionsFor(TestNode node)
    {
        var options = new MembershipOptions
        {
            Endpoint = node.Endpoint,
            ExternalEndpoint = node.ExternalEndpoint,
            Bootstrap = [.. Bootstrap.GetValueOrDefault(node.MspId) ?? []],
            AnchorPeers = [.. Anchors],
        };
        ConfigureMembership?.Invoke(node, options);
        return options;
    }

    /// <summary>Each node's view as one line (A/S/D per peer, ? when unknown), for assertion messages.</summary>
    public static string DescribeViews(IEnumerable<TestNode> nodes)
    {
        var list = nodes.ToList();
        return string.Join(Environment.NewLine, list.Select(n => n.Membership is null ? $"{n}: not started" :
            $"{n}: " + string.Concat(list.Select(o => o == n ? '-' : n.View.Current.TryGet(o.PkiId, out var m) ? m.State.ToString()[0] : '?'))
            + $" health={n.View.LocalHealthScore}"));
    }

    /// <summary>True when every node in <paramref name="nodes"/> that is up sees every other one that is up as alive.</summary>
    public static bool Converged(IEnumerable<TestNode> nodes)
    {
        var up = nodes.Where(n => n.IsUp).ToList();
        foreach (var node in up)
        {
            var view = node.View.Current;
            foreach (var other in up)
            {
                if (other != node && !(view.TryGet(other.PkiId, out var member) && member.State == PeerLiveness.Alive))
                {
                    return false;
                }
            }
        }

        return true;
    }
}

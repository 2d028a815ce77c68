using System.Collections.Concurrent;
using System.Collections.Immutable;
using K8sGossip.Gossip.Channels;
using K8sGossip.Gossip.Comm;
using K8sGossip.Gossip.Dissemination;
using K8sGossip.Gossip.Identity;
using K8sGossip.Gossip.Membership;
using K8sGossip.Gossip.Node;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace K8sGossip.Gossip.Simulation;

/// <summary>How a <see cref="SimulatedCluster"/> is built.</summary>
public sealed class SimulatedClusterOptions
{
    /// <summary>Fixes every delay, loss and random choice of the run.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Organizations and how many peers each has.</summary>
    public IReadOnlyList<(string MspId, int Peers)> Organizations { get; init; } = [("Org1MSP", 10)];

    /// <summary>The channels; each node joins those of its organization. Anchor peers (every org's peer 0) are
    /// filled in. Default: one channel <c>ch1</c> of all organizations.</summary>
    public IReadOnlyList<ChannelConfig>? Channels { get; init; }

    /// <summary>Every link's behaviour. Default <see cref="LinkOptions.Default"/>.</summary>
    public LinkOptions? Link { get; init; }

    /// <summary>The protocol profile of every node.</summary>
    public GossipProfile Profile { get; init; } = GossipProfile.Default;

    /// <summary>Dissemination settings (null: the profile's).</summary>
    public DisseminationOptions? Dissemination { get; init; }

    /// <summary>Channel settings (null: the profile's).</summary>
    public ChannelOptions? ChannelSettings { get; init; }

    /// <summary>Adjusts a node's membership settings (its endpoints, bootstrap and anchors are already set).</summary>
    public Action<MembershipOptions>? ConfigureMembership { get; init; }

    /// <summary>Comm settings (null: defaults).</summary>
    public CommOptions? Comm { get; init; }

    /// <summary>Checks data before it is stored or forwarded.</summary>
    public IDataValidator DataValidator { get; init; } = AcceptAllDataValidator.Instance;

    /// <summary>Nodes report the first sequence number not yet delivered as their height (no block layer here). Default true.</summary>
    public bool TrackHeights { get; init; } = true;

    /// <summary>When set, membership is not run: every node gets a fixed, symmetric random sample of about this many
    /// peers of its organization (for 10,000-node runs, where full membership costs O(n²)).</summary>
    public int? PresetPartialView { get; init; }

    /// <summary>Whether nodes have external endpoints (visible to other organizations). Default true.</summary>
    public bool ExternalEndpoints { get; init; } = true;

    /// <summary>Loggers of every node.</summary>
    public ILoggerFactory LoggerFactory { get; init; } = NullLoggerFactory.Instance;

    /// <summary>Wraps every node's signer (null: none), so a test or benchmark can see what each node signs.</summary>
    public Func<ISigner, ISigner>? WrapSigner { get; init; }
}

/// <summary>
/// N complete gossip nodes (organizations with a CA each, channels, seeds) on one <see cref="SimulatedNetwork"/> and
/// one <see cref="VirtualTimeProvider"/>: the same seed gives the same run. Used by protocol tests and by the
/// simulated benchmark scenarios.
/// </summary>
public sealed class SimulatedCluster
{
    /// <summary>Where every cluster's clock starts; certificates are valid from a minute before.</summary>
    public static readonly DateTimeOffset Epoch = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly ConcurrentDictionary<string, CertificateAuthority> Authorities = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<(string, int), PeerCredentials> Credentials = new();

    private readonly List<GossipNode> _nodes = [];
    private readonly List<ClusterMember> _members = [];

    /// <summary>Builds the nodes (not started).</summary>
    public SimulatedCluster(SimulatedClusterOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options;
        var seeds = new Random(options.Seed);
        Time = new VirtualTimeProvider(Epoch);
        Network = new SimulatedNetwork(Time, seeds.Next(), options.Link ?? LinkOptions.Default);
        var orgs = options.Organizations.Select(o => o.MspId).ToArray();
        Bundle = TrustBundle.From(orgs.Select(Authority));
        var channels = (options.Channels ?? [ChannelConfig.Of("ch1", orgs)])
            .Select(c => c with
            {
                AnchorPeers = c.MemberOrgs.ToImmutableDictionary(o => o, o => ImmutableArray.Create(EndpointOf(o, 0, external: options.ExternalEndpoints))),
            })
            .ToList();
        Channels = channels;

        foreach (var (msp, peers) in options.Organizations)
        {
            for (var i = 0; i < peers; i++)
            {
                _members.Add(new ClusterMember(msp, i, _members.Count, Peer(msp, i)));
            }
        }

        var presetViews = options.PresetPartialView is { } k ? PartialViews(k, seeds) : null;
        for (var index = 0; index < _members.Count; index++)
        {
            var member = _members[index];
            var endpoint = EndpointOf(member.MspId, member.Index, external: false);
            var external = options.ExternalEndpoints ? EndpointOf(member.MspId, member.Index, external: true) : null;
            var transport = Network.CreateTransport(endpoint, member.Credentials.TlsCertificateHash);
            if (external is not null)
            {
                Network.AddAlias(external, endpoint);
            }

            var membership = options.Profile == GossipProfile.FabricDefaults
                ? MembershipOptions.FabricDefaults(endpoint, external)
                : new MembershipOptions { Endpoint = endpoint, ExternalEndpoint = external };
            options.ConfigureMembership?.Invoke(membership);
            var nodeOptions = new GossipNodeOptions
            {
                Signer = options.WrapSigner is { } wrap ? wrap(member.Credentials.CreateSigner()) : member.Credentials.CreateSigner(),
                TrustBundle = Bundle,
                Endpoint = endpoint,
                ExternalEndpoint = external,
                Bootstrap = member.Index == 0 ? [] : [EndpointOf(member.MspId, 0, external: false)],
                Channels = [.. channels.Where(c => c.HasMember(member.MspId))],
                Profile = options.Profile,
                Comm = options.Comm,
                Membership = membership,
                ChannelSettings = options.ChannelSettings,
                Dissemination = options.Dissemination,
                DataValidator = options.DataValidator,
                TrackHeightFromDeliveries = options.TrackHeights,
                PresetMembership = presetViews?[index],
            };
            var context = new NodeContext(Time, new Random(seeds.Next()), options.LoggerFactory);
            _nodes.Add(new GossipNode(nodeOptions, transport, context));
        }
    }

    /// <summary>How the cluster was built.</summary>
    public SimulatedClusterOptions Options { get; }

    /// <summary>The shared clock; drive the run with it.</summary>
    public VirtualTimeProvider Time { get; }

    /// <summary>The simulated network.</summary>
    public SimulatedNetwork Network { get; }

    /// <summary>The CAs every node trusts.</summary>
    public TrustBundle Bundle { get; }

    /// <summary>The channels, with anchor peers filled in.</summary>
    public IReadOnlyList<ChannelConfig> Channels { get; }

    /// <summary>Every node, organization by organization, peer 0 first.</summary>
    public IReadOnlyList<GossipNode> Nodes => _nodes;

    /// <summary>The nodes of one organization.</summary>
    public IReadOnlyList<GossipNode> NodesOf(string mspId) => [.. _nodes.Where(n => n.Identity.MspId == mspId)];

    /// <summary>The nodes that joined <paramref name="channel"/>.</summary>
    public IReadOnlyList<GossipNode> MembersOf(string channel) => [.. _nodes.Where(n => n.ChannelNames.Contains(channel))];

    /// <summary>The credentials of peer <paramref name="index"/> of <paramref name="mspId"/> (shared by every cluster of the process).</summary>
    public static PeerCredentials Peer(string mspId, int index) =>
        Credentials.GetOrAdd((mspId, index), key => Authority(key.Item1).IssuePeer($"peer{key.Item2}.{key.Item1}", validity: TimeSpan.FromDays(3650)));

    /// <summary>The CA of <paramref name="mspId"/> (shared by every cluster of the process).</summary>
    public static CertificateAuthority Authority(string mspId) =>
        Authorities.GetOrAdd(mspId, msp => CertificateAuthority.CreateReproducible(msp, new VirtualTimeProvider(Epoch)));

    /// <summary>The endpoint of a peer: internal (<c>peerN.org:7051</c>) or external (<c>peerN.org.example.com:443</c>).</summary>
    public static string EndpointOf(string mspId, int index, bool external) =>
        external ? $"peer{index}.{mspId.ToLowerInvariant()}.example.com:443" : $"peer{index}.{mspId.ToLowerInvariant()}:7051";

    /// <summary>Starts every node.</summary>
    public void Start()
    {
        foreach (var node in _nodes)
        {
            node.Start();
        }
    }

    /// <summary>Runs until every running member of <paramref name="channel"/> has every other running member in its
    /// channel view (or <paramref name="timeout"/> of virtual time passes); returns whether it did.</summary>
    public bool RunUntilChannelViewsComplete(string channel, TimeSpan timeout, IReadOnlyCollection<GossipNode>? running = null)
    {
        var members = MembersOf(channel).Where(n => running is null || running.Contains(n)).ToList();
        return Time.RunUntil(() => members.All(n => n.Channel(channel).View.Members.Length >= members.Count - 1), timeout);
    }

    /// <summary>Crashes a node silently: its network endpoint drops everything and its timers stop.</summary>
    public void Crash(GossipNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        Network.Crash(node.Endpoint);
        node.Stop();
    }

    private PresetMembershipView[] PartialViews(int k, Random random)
    {
        var neighbours = _members.Select(_ => new HashSet<int>()).ToArray();
        foreach (var org in _members.GroupBy(m => m.MspId))
        {
            var indexes = org.Select(m => m.Position).ToArray();
            foreach (var i in indexes)
            {
                // k/2 random links per node, made symmetric: about k neighbours each, connected with high probability.
                for (var picks = 0; picks < Math.Max(1, k / 2) && indexes.Length > 1; picks++)
                {
                    var j = indexes[random.Next(indexes.Length)];
                    if (j != i)
                    {
                        neighbours[i].Add(j);
                        neighbours[j].Add(i);
                    }
                }
            }
        }

        return [.. neighbours.Select(set => new PresetMembershipView(set.Select(j =>
        {
            var m = _members[j];
            return new MemberInfo(
                m.Credentials.PkiId,
                m.MspId,
                Options.ExternalEndpoints ? EndpointOf(m.MspId, m.Index, external: true) : null,
                EndpointOf(m.MspId, m.Index, external: false),
                ReadOnlyMemory<byte>.Empty,
                PeerLiveness.Alive,
                1,
                1);
        })))];
    }

    private sealed record ClusterMember(string MspId, int Index, int Position, PeerCredentials Credentials);
}

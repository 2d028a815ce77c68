using K8sGossip.Operator.Crds;
using K8sGossip.Operator.Local.Status;
using K8sGossip.Operator.Planning;

namespace K8sGossip.Operator.Tests.Local.Status;

/// <summary>
/// A scripted network for derivation tests: which peers answer, their heights and leadership, whom live peers suspect,
/// and what the supervisor says of processes. <see cref="Observe"/> turns it into the raw readings one round would get.
/// </summary>
internal sealed class NetworkWorld
{
    private readonly Dictionary<string, Dictionary<string, ulong>> _heights = new(StringComparer.Ordinal);

    public NetworkWorld(NetworkPlan plan)
    {
        Plan = plan;
        foreach (var channel in plan.Channels)
        {
            OrdererHeights[channel.Name] = 10;
        }

        Answering.UnionWith(plan.Peers.Select(p => p.Name));
    }

    public NetworkPlan Plan { get; }

    public ManualClock Clock { get; } = new();

    public bool OrdererAnswers { get; set; } = true;

    public Dictionary<string, ulong> OrdererHeights { get; } = new(StringComparer.Ordinal);

    public HashSet<string> Answering { get; } = new(StringComparer.Ordinal);

    /// <summary>Peers that answering peers report as suspect in their Membership.</summary>
    public HashSet<string> Suspected { get; } = new(StringComparer.Ordinal);

    /// <summary>(channel, peer) pairs whose peer reports it leads.</summary>
    public HashSet<(string Channel, string Peer)> Leading { get; } = [];

    public Dictionary<string, NodeProcessInfo> Processes { get; } = new(StringComparer.Ordinal);

    /// <summary>Whether Membership names members by PKI-ID (true) or leaves the PKI-ID unknown so only the endpoint matches.</summary>
    public bool MembersByPkiId { get; set; } = true;

    public static string PkiIdOf(string peer) => Convert.ToHexStringLower(System.Text.Encoding.UTF8.GetBytes(peer)).PadLeft(64, '0');

    /// <summary>Sets a peer's height in a channel (by default every peer is at the orderer's height).</summary>
    public void SetHeight(string peer, string channel, ulong height)
    {
        if (!_heights.TryGetValue(peer, out var channels))
        {
            channels = new Dictionary<string, ulong>(StringComparer.Ordinal);
            _heights[peer] = channels;
        }

        channels[channel] = height;
    }

    public ulong HeightOf(string peer, string channel) =>
        _heights.TryGetValue(peer, out var channels) && channels.TryGetValue(channel, out var height) ? height : OrdererHeights[channel];

    public NetworkObservation Observe()
    {
        var orderer = OrdererAnswers ? new OrdererReading(true, new Dictionary<string, ulong>(OrdererHeights)) : OrdererReading.Silent;
        var peers = new Dictionary<string, PeerReading>(StringComparer.Ordinal);
        foreach (var organization in Plan.Organizations)
        {
            foreach (var peer in organization.Peers)
            {
                peers[peer.Name] = Answering.Contains(peer.Name) ? Reading(organization, peer) : PeerReading.Silent;
            }
        }

        return new NetworkObservation(Clock.GetUtcNow(), orderer, peers, new Dictionary<string, NodeProcessInfo>(Processes));
    }

    private PeerReading Reading(OrganizationPlan organization, PeerPlan peer)
    {
        var channels = organization.Channels
            .Select(c => new PeerChannelReading(c, HeightOf(peer.Name, c), Leading.Contains((c, peer.Name)), Mode(c)))
            .ToArray();
        var members = new List<MemberReading>();
        foreach (var channel in organization.Channels)
        {
            var plan = Plan.Channels.Single(c => c.Name == channel);
            var memberPeers = Plan.Organizations.Where(o => plan.Members.Any(m => m.Organization == o.Name)).SelectMany(o => o.Peers);
            foreach (var member in memberPeers)
            {
                var state = member.Name == peer.Name ? "self" : Suspected.Contains(member.Name) ? "suspect" : "alive";
                var pkiId = MembersByPkiId ? PkiIdOf(member.Name) : new string('f', 64);
                members.Add(new MemberReading(channel, pkiId, member.InternalEndpoint.ToString(), state));
            }
        }

        return new PeerReading(true, PkiIdOf(peer.Name), channels, members);
    }

    private string Mode(string channel) => Plan.Channels.Single(c => c.Name == channel).Mode.Name();
}

using K8sGossip.Sidecar.Configuration.Model;
using K8sGossip.Sidecar.Configuration.Values;

namespace K8sGossip.Sidecar.Configuration.Channels;

/// <summary>One channel of the channel file, with defaults applied.</summary>
/// <param name="Name">The channel name.</param>
/// <param name="Organizations">MSP IDs of the member organizations.</param>
/// <param name="AnchorPeers">Anchor peers of the member organizations.</param>
/// <param name="OrdererEndpoints">Where to pull the channel's blocks (the channel's own list, or <c>k8sgossip.orderer.endpoints</c>).</param>
/// <param name="Dissemination">How blocks reach the organization's peers.</param>
/// <param name="AdaptiveThreshold">Blocks behind the orderer beyond which an adaptive peer streams from an org peer.</param>
/// <param name="ElectionMode">How the leader is chosen in <c>gossip</c> mode (the channel's own, or the sidecar's).</param>
public sealed record ChannelDefinition(
    string Name,
    IReadOnlyList<string> Organizations,
    IReadOnlyList<AnchorPeer> AnchorPeers,
    IReadOnlyList<HostPort> OrdererEndpoints,
    BlockDisseminationMode Dissemination,
    int AdaptiveThreshold,
    LeaderElectionMode ElectionMode);

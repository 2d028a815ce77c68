using K8sGossip.Operator.Crds;

namespace K8sGossip.Operator.Planning;

/// <summary>One channel: members, anchors, orderer and dissemination.</summary>
/// <param name="Resource">The Channel's reference; its name is the channel name.</param>
/// <param name="Members">Member organizations, in the order the Channel lists them.</param>
/// <param name="Anchors">Anchors of the members, by AnchorPeer name.</param>
/// <param name="OrdererEndpoints">Where peers pull blocks from the orderer.</param>
/// <param name="Mode">gossip, direct or adaptive.</param>
/// <param name="Threshold">Adaptive mode's lag threshold, in blocks.</param>
public sealed record ChannelPlan(
    ResourceRef Resource,
    IReadOnlyList<ChannelMemberPlan> Members,
    IReadOnlyList<AnchorPlan> Anchors,
    IReadOnlyList<Endpoint> OrdererEndpoints,
    DisseminationMode Mode,
    int Threshold)
{
    /// <summary>The channel's name.</summary>
    public string Name => Resource.Name;
}

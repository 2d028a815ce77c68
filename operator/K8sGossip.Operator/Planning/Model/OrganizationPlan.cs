using K8sGossip.Operator.Crds;

namespace K8sGossip.Operator.Planning;

/// <summary>One organization: identity, CA, election, gossip settings and peers.</summary>
/// <param name="Resource">The organization's reference.</param>
/// <param name="MspId">Its MSP ID.</param>
/// <param name="CertificateAuthority">Its CA.</param>
/// <param name="Election">Its leader election.</param>
/// <param name="GossipSettings">Gossip settings for its sidecars, keyed by Fabric's peer.gossip names.</param>
/// <param name="Peers">Its peers, by ordinal.</param>
/// <param name="Channels">The names of the channels it is a member of.</param>
/// <param name="Spec">The validated, defaulted spec (images, containers, storage) for the workload builders.</param>
public sealed record OrganizationPlan(
    ResourceRef Resource,
    string MspId,
    CertificateAuthorityPlan CertificateAuthority,
    ElectionPlan Election,
    IReadOnlyDictionary<string, string> GossipSettings,
    IReadOnlyList<PeerPlan> Peers,
    IReadOnlyList<string> Channels,
    OrganizationSpec Spec)
{
    /// <summary>The organization's name.</summary>
    public string Name => Resource.Name;
}

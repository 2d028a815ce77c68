using K8sGossip.Operator.Crds;

namespace K8sGossip.Operator.Planning;

/// <summary>Where things are on a target: endpoints, directories, certificate names. The rest of planning is shared.</summary>
internal abstract class NetworkLayout
{
    /// <summary>The internal, admin and local API endpoints and the data directory of one peer.</summary>
    public abstract (Endpoint Internal, Endpoint Admin, Endpoint LocalApi, string DataDirectory) PeerPlacement(ResourceEntry<OrganizationSpec> organization, int ordinal);

    /// <summary>How one peer is exposed to other organizations; null when it is not.</summary>
    public abstract ExternalExposure? External(ResourceEntry<OrganizationSpec> organization, int ordinal, Endpoint internalEndpoint);

    /// <summary>The organization's CA.</summary>
    public abstract CertificateAuthorityPlan CertificateAuthority(ResourceEntry<OrganizationSpec> organization);

    /// <summary>The solo orderer, where the target runs one.</summary>
    public abstract OrdererPlan? Orderer { get; }

    /// <summary>Where a channel's peers reach the orderer.</summary>
    public abstract IReadOnlyList<Endpoint> OrdererEndpoints(ResourceEntry<ChannelSpec> channel);

    /// <summary>The TLS subject alternative names of one peer.</summary>
    public abstract (IReadOnlyList<string> DnsNames, IReadOnlyList<string> IpAddresses) PeerTlsNames(ResourceEntry<OrganizationSpec> organization, PeerPlan peer);

    /// <summary>Maps an AnchorPeer's explicit endpoint to an endpoint on this target, and the peer it names if any.</summary>
    public abstract (Endpoint Endpoint, PeerPlan? Peer) ExplicitAnchor(ResourceEntry<OrganizationSpec> organization, Endpoint endpoint, IReadOnlyList<PeerPlan> peers);
}

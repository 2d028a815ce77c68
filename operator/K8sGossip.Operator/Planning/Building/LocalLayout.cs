using K8sGossip.Operator.Crds;

namespace K8sGossip.Operator.Planning;

/// <summary>Peers as processes on 127.0.0.1: consecutive ports from the base port and a directory each under the state directory.</summary>
/// <remarks>
/// The orderer takes the first two ports, then each peer three (peer, admin, local API), organizations in name order:
/// the same input always gets the same ports, so a second run finds its ledgers and peers where they were.
/// </remarks>
internal sealed class LocalLayout : NetworkLayout
{
    /// <summary>Ports the orderer uses.</summary>
    public const int OrdererPorts = 2;

    /// <summary>Ports each peer uses.</summary>
    public const int PeerPorts = 3;

    private readonly LocalTarget target;
    private readonly Dictionary<(string Organization, int Ordinal), int> firstPorts = [];

    public LocalLayout(LocalTarget target, IReadOnlyList<ResourceEntry<OrganizationSpec>> organizations)
    {
        this.target = target;
        var port = target.BasePort + OrdererPorts;
        foreach (var organization in organizations.OrderBy(o => o.Name, StringComparer.Ordinal))
        {
            for (var ordinal = 0; ordinal < organization.Spec.Peers; ordinal++)
            {
                firstPorts[(organization.Name, ordinal)] = port;
                port += PeerPorts;
            }
        }

        Orderer = new OrdererPlan(
            "orderer",
            OrganizationRules.OrdererMspId,
            new Endpoint(LocalTarget.Host, target.BasePort),
            new Endpoint(LocalTarget.Host, target.BasePort + 1),
            Path.Combine(target.StateDirectory, "orderer"),
            Path.Combine(target.StateDirectory, "orderer", "ca"));
    }

    public override OrdererPlan? Orderer { get; }

    /// <summary>How many ports a network of these organizations needs.</summary>
    public static long PortsNeeded(IEnumerable<ResourceEntry<OrganizationSpec>> organizations) =>
        OrdererPorts + (PeerPorts * organizations.Sum(o => (long)o.Spec.Peers));

    public override (Endpoint Internal, Endpoint Admin, Endpoint LocalApi, string DataDirectory) PeerPlacement(ResourceEntry<OrganizationSpec> organization, int ordinal)
    {
        var port = firstPorts[(organization.Name, ordinal)];
        return (
            new Endpoint(LocalTarget.Host, port),
            new Endpoint(LocalTarget.Host, port + 1),
            new Endpoint(LocalTarget.Host, port + 2),
            Path.Combine(target.StateDirectory, "organizations", organization.Name, "peers", ClusterNames.Peer(organization.Name, ordinal)));
    }

    // Every endpoint is on loopback; an organization that asked for external endpoints gets its peer endpoint as the
    // external one, so visibility between organizations behaves as in a cluster.
    public override ExternalExposure? External(ResourceEntry<OrganizationSpec> organization, int ordinal, Endpoint internalEndpoint) =>
        (organization.Spec.ExternalEndpoints?.Type ?? ExternalEndpointType.None) == ExternalEndpointType.None
            ? null
            : new ExternalExposure(organization.Spec.ExternalEndpoints!.Type, internalEndpoint, null);

    public override CertificateAuthorityPlan CertificateAuthority(ResourceEntry<OrganizationSpec> organization) =>
        new(Generate: true, null, Path.Combine(target.StateDirectory, "organizations", organization.Name, "ca"));

    public override IReadOnlyList<Endpoint> OrdererEndpoints(ResourceEntry<ChannelSpec> channel) => [Orderer!.Endpoint];

    public override (IReadOnlyList<string> DnsNames, IReadOnlyList<string> IpAddresses) PeerTlsNames(ResourceEntry<OrganizationSpec> organization, PeerPlan peer) =>
        (["localhost", peer.Name], [LocalTarget.Host]);

    // An explicit anchor is written for a cluster; if it is the cluster name of one of our peers, use that peer here.
    public override (Endpoint Endpoint, PeerPlan? Peer) ExplicitAnchor(ResourceEntry<OrganizationSpec> organization, Endpoint endpoint, IReadOnlyList<PeerPlan> peers)
    {
        foreach (var peer in peers)
        {
            var clusterHost = ClusterNames.PeerHost(organization.Name, peer.Ordinal, organization.Namespace, ClusterTarget.DefaultClusterDomain);
            if (ClusterNames.TemplateEndpoint(organization, peer.Ordinal) == endpoint
                || (endpoint.Host == clusterHost && endpoint.Port == ClusterTarget.PeerPort))
            {
                return (peer.External?.Endpoint ?? peer.InternalEndpoint, peer);
            }
        }

        return (endpoint, null);
    }
}

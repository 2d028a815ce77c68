using K8sGossip.Operator.Crds;

namespace K8sGossip.Operator.Planning;

/// <summary>Peers as StatefulSet pods: stable DNS names behind each organization's headless Service.</summary>
internal sealed class ClusterLayout(ClusterTarget target) : NetworkLayout
{
    public override OrdererPlan? Orderer => null;

    public override (Endpoint Internal, Endpoint Admin, Endpoint LocalApi, string DataDirectory) PeerPlacement(ResourceEntry<OrganizationSpec> organization, int ordinal)
    {
        var host = ClusterNames.PeerHost(organization.Name, ordinal, organization.Namespace, target.ClusterDomain);
        return (
            new Endpoint(host, ClusterTarget.PeerPort),
            new Endpoint(host, ClusterTarget.AdminPort),
            new Endpoint(LocalTarget.Host, ClusterTarget.LocalApiPort),
            ClusterTarget.DataDirectory);
    }

    public override ExternalExposure? External(ResourceEntry<OrganizationSpec> organization, int ordinal, Endpoint internalEndpoint) =>
        (organization.Spec.ExternalEndpoints?.Type ?? ExternalEndpointType.None) switch
        {
            ExternalEndpointType.HostTemplate => new ExternalExposure(ExternalEndpointType.HostTemplate, ClusterNames.TemplateEndpoint(organization, ordinal), null),
            ExternalEndpointType.LoadBalancer or ExternalEndpointType.NodePort => new ExternalExposure(
                organization.Spec.ExternalEndpoints!.Type, null, ClusterNames.ExternalService(organization.Name, ordinal)),
            _ => null,
        };

    public override CertificateAuthorityPlan CertificateAuthority(ResourceEntry<OrganizationSpec> organization) =>
        organization.Spec.Ca?.SecretRef is { } secret
            ? new CertificateAuthorityPlan(Generate: false, secret.Name, null)
            : new CertificateAuthorityPlan(Generate: true, ClusterNames.CaSecret(organization.Name), null);

    public override IReadOnlyList<Endpoint> OrdererEndpoints(ResourceEntry<ChannelSpec> channel) =>
        [.. channel.Spec.Orderer.Endpoints.Select(e => Endpoint.TryParse(e, out var endpoint) ? endpoint : null).OfType<Endpoint>()];

    public override (IReadOnlyList<string> DnsNames, IReadOnlyList<string> IpAddresses) PeerTlsNames(ResourceEntry<OrganizationSpec> organization, PeerPlan peer)
    {
        var service = ClusterNames.PeerService(organization.Name);
        var names = new List<string>
        {
            peer.Name,
            $"{peer.Name}.{service}",
            $"{peer.Name}.{service}.{organization.Namespace}",
            $"{peer.Name}.{service}.{organization.Namespace}.svc",
            peer.InternalEndpoint.Host,
        };
        if (peer.External?.Endpoint is { } external)
        {
            names.Add(external.Host);
        }

        if (peer.External?.ServiceName is { } externalService)
        {
            names.Add($"{externalService}.{organization.Namespace}.svc.{target.ClusterDomain}");
        }

        return ([.. names.Distinct(StringComparer.Ordinal)], []);
    }

    public override (Endpoint Endpoint, PeerPlan? Peer) ExplicitAnchor(ResourceEntry<OrganizationSpec> organization, Endpoint endpoint, IReadOnlyList<PeerPlan> peers) =>
        (endpoint, peers.FirstOrDefault(p => p.InternalEndpoint == endpoint || p.External?.Endpoint == endpoint));
}

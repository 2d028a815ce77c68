using K8sGossip.Operator.Crds;

namespace K8sGossip.Operator.Planning;

/// <summary>Builds the plan of a network whose resources passed validation.</summary>
internal static class PlanBuilder
{
    public static NetworkPlan Build(PlanningContext context, NetworkLayout layout)
    {
        var organizations = Sorted(context.Organizations);
        var channels = Sorted(context.Channels);
        var organizationPlans = organizations.Select(o => BuildOrganization(o, channels, context, layout)).ToList();
        var peersByOrganization = organizations.Zip(organizationPlans).ToDictionary(p => p.First, p => p.Second.Peers);
        var channelPlans = channels.Select(c => BuildChannel(c, peersByOrganization, context, layout)).ToList();

        var identities = new List<IdentityRequest>();
        if (layout.Orderer is { } orderer)
        {
            identities.Add(new IdentityRequest(orderer.Name, orderer.MspId, IdentityRole.Orderer, CertificatePurpose.Signing, [], []));
            identities.Add(new IdentityRequest(orderer.Name, orderer.MspId, IdentityRole.Orderer, CertificatePurpose.Tls, ["localhost", orderer.Name], [LocalTarget.Host]));
        }

        foreach (var (organization, plan) in organizations.Zip(organizationPlans))
        {
            foreach (var peer in plan.Peers)
            {
                var (dnsNames, ipAddresses) = layout.PeerTlsNames(organization, peer);
                identities.Add(new IdentityRequest(peer.Name, peer.MspId, IdentityRole.Peer, CertificatePurpose.Signing, [], []));
                identities.Add(new IdentityRequest(peer.Name, peer.MspId, IdentityRole.Peer, CertificatePurpose.Tls, dnsNames, ipAddresses));
            }
        }

        return new NetworkPlan(context.Target, layout.Orderer, organizationPlans, channelPlans, identities);
    }

    private static List<ResourceEntry<T>> Sorted<T>(IEnumerable<ResourceEntry<T>> entries)
        where T : class =>
        [.. entries.OrderBy(e => e.Namespace, StringComparer.Ordinal).ThenBy(e => e.Name, StringComparer.Ordinal)];

    private static OrganizationPlan BuildOrganization(
        ResourceEntry<OrganizationSpec> organization,
        IReadOnlyList<ResourceEntry<ChannelSpec>> channels,
        PlanningContext context,
        NetworkLayout layout)
    {
        var placements = Enumerable.Range(0, organization.Spec.Peers).Select(i => layout.PeerPlacement(organization, i)).ToList();
        var peers = new List<PeerPlan>();
        for (var ordinal = 0; ordinal < placements.Count; ordinal++)
        {
            var placement = placements[ordinal];
            var bootstrap = placements.Where((_, other) => other != ordinal).Select(p => p.Internal).ToList();
            peers.Add(new PeerPlan(
                ClusterNames.Peer(organization.Name, ordinal),
                organization.Name,
                organization.Spec.MspId,
                ordinal,
                placement.Internal,
                layout.External(organization, ordinal, placement.Internal),
                placement.Admin,
                placement.LocalApi,
                placement.DataDirectory,
                bootstrap));
        }

        var memberOf = channels.Where(c => context.MembersOf(c).Contains(organization)).Select(c => c.Name).ToList();
        return new OrganizationPlan(
            organization.Ref,
            organization.Spec.MspId,
            layout.CertificateAuthority(organization),
            Election(organization),
            GossipSettings.ToSettings(organization.Spec.Gossip),
            peers,
            memberOf,
            organization.Spec);
    }

    private static ElectionPlan Election(ResourceEntry<OrganizationSpec> organization)
    {
        var election = organization.Spec.LeaderElection;
        var leaders = election.Mode == ElectionMode.Static
            ? election.StaticLeaders?.Select(o => ClusterNames.Peer(organization.Name, o)).ToList() ?? []
            : [];
        return new ElectionPlan(election.Mode, leaders);
    }

    private static ChannelPlan BuildChannel(
        ResourceEntry<ChannelSpec> channel,
        Dictionary<ResourceEntry<OrganizationSpec>, IReadOnlyList<PeerPlan>> peersByOrganization,
        PlanningContext context,
        NetworkLayout layout)
    {
        var dissemination = channel.Spec.Dissemination;
        var members = context.MembersOf(channel)
            .Select(m => new ChannelMemberPlan(m.Name, m.Spec.MspId, Election(m), dissemination.Mode == DisseminationMode.Gossip))
            .ToList();

        var anchors = new List<AnchorPlan>();
        foreach (var anchor in context.AnchorPeers
            .Where(a => context.FindChannel(a.Namespace, a.Spec.Channel) == channel)
            .OrderBy(a => a.Name, StringComparer.Ordinal))
        {
            var organization = context.FindOrganization(anchor.Namespace, anchor.Spec.Organization)!;
            anchors.Add(ResolveAnchor(anchor, organization, peersByOrganization[organization], context, layout));
        }

        return new ChannelPlan(channel.Ref, members, anchors, layout.OrdererEndpoints(channel), dissemination.Mode, dissemination.Threshold);
    }

    private static AnchorPlan ResolveAnchor(
        ResourceEntry<AnchorPeerSpec> anchor,
        ResourceEntry<OrganizationSpec> organization,
        IReadOnlyList<PeerPlan> peers,
        PlanningContext context,
        NetworkLayout layout)
    {
        if (anchor.Spec.Peer is { } ordinal)
        {
            var peer = peers[ordinal];
            return peer.External switch
            {
                { Endpoint: { } external } => new AnchorPlan(anchor.Ref, organization.Name, organization.Spec.MspId, peer.Name, external, null),
                { ServiceName: { } service } => new AnchorPlan(anchor.Ref, organization.Name, organization.Spec.MspId, peer.Name, null, service),
                _ => new AnchorPlan(anchor.Ref, organization.Name, organization.Spec.MspId, peer.Name, peer.InternalEndpoint, null),
            };
        }

        var given = Endpoint.TryParse(anchor.Spec.Endpoint, out var parsed)
            ? parsed
            : throw new InvalidOperationException("AnchorPeer endpoints are validated before the plan is built.");
        var (endpoint, named) = layout.ExplicitAnchor(organization, given, peers);
        if (named is null && context.IsLocal)
        {
            context.Warning(anchor.Ref, "spec.endpoint", $"{given} is not a peer of this network; a local network cannot reach it");
        }

        return new AnchorPlan(anchor.Ref, organization.Name, organization.Spec.MspId, named?.Name, endpoint, null);
    }
}

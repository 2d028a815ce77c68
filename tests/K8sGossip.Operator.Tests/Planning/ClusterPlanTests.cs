using K8sGossip.Operator.Crds;
using K8sGossip.Operator.Planning;
using K8sGossip.Operator.Tests.Support;

namespace K8sGossip.Operator.Tests.Planning;

/// <summary>On a cluster target, peers get stable DNS names, external endpoints from the organization's settings, and anchors follow.</summary>
public sealed class ClusterPlanTests
{
    private const string Namespace = "k8sgossip-three-orgs";

    [Fact]
    public void Peers_are_named_by_ordinal_behind_the_headless_service_of_their_organization()
    {
        var plan = ExamplePlans.Cluster("three-orgs");

        var peer = plan.Peers.Single(p => p.Name == "org2-1");
        Assert.Equal(new Endpoint($"org2-1.org2-peers.{Namespace}.svc.cluster.local", 7051), peer.InternalEndpoint);
        Assert.Equal(new Endpoint($"org2-1.org2-peers.{Namespace}.svc.cluster.local", 9443), peer.AdminEndpoint);
        Assert.Equal(new Endpoint("127.0.0.1", 7053), peer.LocalApiEndpoint);
        Assert.Equal(
            [new Endpoint($"org2-0.org2-peers.{Namespace}.svc.cluster.local", 7051), new Endpoint($"org2-2.org2-peers.{Namespace}.svc.cluster.local", 7051)],
            peer.Bootstrap);
    }

    [Fact]
    public void Host_templates_give_each_peer_its_external_endpoint_and_anchors_use_it()
    {
        var plan = ExamplePlans.Cluster("three-orgs");

        Assert.Equal(new Endpoint("peer2.org3.example.com", 7051), plan.Peers.Single(p => p.Name == "org3-2").External?.Endpoint);
        var anchors = plan.Channels.SelectMany(c => c.Anchors).ToDictionary(a => a.Resource.Name);
        Assert.Equal(new Endpoint("peer0.org1.example.com", 7051), anchors["trade-org1"].Endpoint);
        Assert.Equal(new Endpoint("peer1.org2.example.com", 7051), anchors["audit-org2"].Endpoint);
        Assert.Equal(new Endpoint("peer0.org3.example.com", 7051), anchors["audit-org3"].Endpoint);
        Assert.Equal("org3-0", anchors["audit-org3"].PeerName);
    }

    [Fact]
    public void A_cluster_uses_the_orderers_the_channel_names_and_runs_none_itself()
    {
        var plan = ExamplePlans.Cluster("three-orgs");

        Assert.Null(plan.Orderer);
        Assert.All(plan.Channels, c => Assert.Equal([new Endpoint("orderer0.example.com", 7050)], c.OrdererEndpoints));
        Assert.DoesNotContain(plan.Identities, i => i.Role == IdentityRole.Orderer);
    }

    [Fact]
    public void Peer_tls_certificates_name_every_dns_name_the_peer_is_reached_by()
    {
        var plan = ExamplePlans.Cluster("three-orgs");

        var tls = plan.Identities.Single(i => i.Name == "org1-2" && i.Purpose == CertificatePurpose.Tls);
        Assert.Equal(
            ["org1-2", "org1-2.org1-peers", $"org1-2.org1-peers.{Namespace}", $"org1-2.org1-peers.{Namespace}.svc", $"org1-2.org1-peers.{Namespace}.svc.cluster.local", "peer2.org1.example.com"],
            tls.DnsNames);
        Assert.Empty(tls.IpAddresses);
    }

    [Fact]
    public void A_generated_ca_lives_in_a_secret_named_after_the_organization_and_a_supplied_one_is_reused()
    {
        var generated = Resources.Organization("org1", "Org1MSP");
        var supplied = Resources.Organization("org2", "Org2MSP", configure: s => s with { Ca = new CertificateAuthoritySettings { SecretRef = new SecretReference { Name = "org2-own-ca" } } });

        var result = NetworkPlanner.Plan([generated, supplied, Resources.Channel("ch", "org1", "org2")], PlanningTarget.Cluster());

        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        Assert.Equal(new CertificateAuthorityPlan(true, "org1-ca", null), result.Plan!.Organizations[0].CertificateAuthority);
        Assert.Equal(new CertificateAuthorityPlan(false, "org2-own-ca", null), result.Plan.Organizations[1].CertificateAuthority);
    }

    [Fact]
    public void Service_exposed_peers_have_their_external_endpoint_pending_and_anchors_wait_for_the_service()
    {
        var organization = Resources.Organization("org1", "Org1MSP", configure: s => s with
        {
            ExternalEndpoints = new ExternalEndpointSettings { Type = ExternalEndpointType.LoadBalancer },
        });
        var resources = new object[] { organization, Resources.Channel("ch", "org1"), Resources.Anchor("ch-org1", "ch", "org1", peer: 2) };

        var plan = NetworkPlanner.Plan(resources, PlanningTarget.Cluster()).Plan!;

        var peer = plan.Peers.Single(p => p.Name == "org1-2");
        Assert.Equal(new ExternalExposure(ExternalEndpointType.LoadBalancer, null, "org1-2-external"), peer.External);
        var anchor = Assert.Single(plan.Channels.Single().Anchors);
        Assert.Null(anchor.Endpoint);
        Assert.Equal("org1-2-external", anchor.PendingService);
    }

    [Fact]
    public void Static_leaders_are_planned_as_peer_names_and_lease_election_is_allowed_in_a_cluster()
    {
        var leaders = Resources.Organization("org1", "Org1MSP", configure: s => s with
        {
            LeaderElection = new LeaderElectionSettings { Mode = ElectionMode.Static, StaticLeaders = [2, 0] },
        });
        var lease = Resources.Organization("org2", "Org2MSP", configure: s => s with
        {
            LeaderElection = new LeaderElectionSettings { Mode = ElectionMode.Lease },
        });

        var result = NetworkPlanner.Plan([leaders, lease, Resources.Channel("ch", "org1", "org2")], PlanningTarget.Cluster());

        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        Assert.Equal(new[] { "org1-2", "org1-0" }, result.Plan!.Organizations[0].Election.StaticLeaders);
        Assert.Equal(ElectionMode.Lease, result.Plan.Organizations[1].Election.Mode);
    }

    [Fact]
    public void A_custom_cluster_domain_is_used_in_every_dns_name()
    {
        var plan = NetworkPlanner.Plan([Resources.Organization("org1", "Org1MSP", peers: 1), Resources.Channel("ch", "org1")], PlanningTarget.Cluster("corp.internal")).Plan!;

        Assert.Equal("org1-0.org1-peers.default.svc.corp.internal", Assert.Single(plan.Peers).InternalEndpoint.Host);
        Assert.Empty(plan.Peers[0].Bootstrap);
    }
}

using K8sGossip.Operator.Crds;
using K8sGossip.Operator.Planning;
using K8sGossip.Operator.Tests.Support;

namespace K8sGossip.Operator.Tests.Examples;

/// <summary>The example networks plan as local networks on 127.0.0.1 with the expected shape.</summary>
public sealed class ExampleNetworkLocalTests
{
    [Fact]
    public void Three_orgs_plans_nine_peers_in_three_organizations_and_two_channels()
    {
        var plan = ExamplePlans.Local("three-orgs");

        Assert.Equal(["org1", "org2", "org3"], plan.Organizations.Select(o => o.Name));
        Assert.All(plan.Organizations, o => Assert.Equal(3, o.Peers.Count));
        Assert.Equal(9, plan.Peers.Count);
        Assert.Equal(["audit", "trade"], plan.Channels.Select(c => c.Name));
        Assert.Equal(["audit", "trade"], plan.Organizations.Single(o => o.Name == "org2").Channels);
    }

    [Theory]
    [InlineData("three-orgs")]
    [InlineData("one-org")]
    public void Bootstrap_lists_hold_exactly_the_other_peers_of_the_same_organization(string example)
    {
        var plan = ExamplePlans.Local(example);

        foreach (var organization in plan.Organizations)
        {
            foreach (var peer in organization.Peers)
            {
                var others = organization.Peers.Where(p => p != peer).Select(p => p.InternalEndpoint).ToList();
                Assert.Equal(others, peer.Bootstrap);
                Assert.DoesNotContain(peer.InternalEndpoint, peer.Bootstrap);
                Assert.Equal(organization.Spec.Peers - 1, peer.Bootstrap.Count);
            }
        }
    }

    [Theory]
    [InlineData("three-orgs")]
    [InlineData("one-org")]
    public void Every_port_of_the_local_network_is_unique_and_on_loopback(string example)
    {
        var plan = ExamplePlans.Local(example);

        var endpoints = plan.Peers
            .SelectMany(p => new[] { p.InternalEndpoint, p.AdminEndpoint, p.LocalApiEndpoint })
            .Concat([plan.Orderer!.Endpoint, plan.Orderer.AdminEndpoint])
            .ToList();
        Assert.All(endpoints, e => Assert.Equal("127.0.0.1", e.Host));
        Assert.Equal(endpoints.Count, endpoints.Select(e => e.Port).Distinct().Count());
        Assert.Equal(LocalTarget.DefaultBasePort, endpoints.Min(e => e.Port));
        Assert.Equal(LocalTarget.DefaultBasePort + endpoints.Count - 1, endpoints.Max(e => e.Port));
    }

    [Fact]
    public void Every_peer_and_the_orderer_get_their_own_directory_under_the_state_directory()
    {
        var plan = ExamplePlans.Local("three-orgs");

        var directories = plan.Peers.Select(p => p.DataDirectory).Append(plan.Orderer!.DataDirectory).ToList();
        Assert.Equal(directories.Count, directories.Distinct().Count());
        Assert.All(directories, d => Assert.StartsWith(ExamplePlans.StateDirectory + "/", d, StringComparison.Ordinal));
        Assert.Equal(Path.Combine(ExamplePlans.StateDirectory, "organizations", "org2", "peers", "org2-1"), plan.Peers.Single(p => p.Name == "org2-1").DataDirectory);
        Assert.All(plan.Organizations, o => Assert.True(o.CertificateAuthority.Generate));
    }

    [Fact]
    public void Every_anchor_resolves_to_an_endpoint_of_a_planned_peer_of_its_organization()
    {
        var plan = ExamplePlans.Local("three-orgs");

        var expected = new Dictionary<string, string>
        {
            ["trade-org1"] = "org1-0",
            ["trade-org2"] = "org2-0",
            ["audit-org2"] = "org2-1",
            ["audit-org3"] = "org3-0",
        };
        var anchors = plan.Channels.SelectMany(c => c.Anchors).ToList();
        Assert.Equal(expected.Count, anchors.Count);
        foreach (var anchor in anchors)
        {
            Assert.Equal(expected[anchor.Resource.Name], anchor.PeerName);
            var peer = plan.Peers.Single(p => p.Name == anchor.PeerName);
            Assert.Equal(anchor.Organization, peer.Organization);
            Assert.Equal(peer.External?.Endpoint, anchor.Endpoint);
        }

        Assert.All(plan.Channels, c => Assert.Equal(c.Members.Count, c.Anchors.Select(a => a.Organization).Distinct().Count()));
    }

    [Fact]
    public void Channels_carry_their_dissemination_mode_and_the_election_of_each_member()
    {
        var plan = ExamplePlans.Local("three-orgs");

        var trade = plan.Channels.Single(c => c.Name == "trade");
        Assert.Equal(DisseminationMode.Gossip, trade.Mode);
        Assert.Equal(["org1", "org2"], trade.Members.Select(m => m.Organization));
        Assert.All(trade.Members, m => Assert.True(m.ElectsLeader));
        Assert.All(trade.Members, m => Assert.Equal(ElectionMode.Dynamic, m.Election.Mode));

        var audit = plan.Channels.Single(c => c.Name == "audit");
        Assert.Equal(DisseminationMode.Adaptive, audit.Mode);
        Assert.Equal(10, audit.Threshold);
        Assert.Equal(["org2", "org3"], audit.Members.Select(m => m.Organization));
        Assert.All(audit.Members, m => Assert.False(m.ElectsLeader));
    }

    [Fact]
    public void A_local_network_replaces_the_channel_orderers_by_its_own_solo_orderer()
    {
        var plan = ExamplePlans.Local("three-orgs");

        Assert.NotNull(plan.Orderer);
        Assert.Equal(new Endpoint("127.0.0.1", LocalTarget.DefaultBasePort), plan.Orderer.Endpoint);
        Assert.All(plan.Channels, c => Assert.Equal([plan.Orderer.Endpoint], c.OrdererEndpoints));
    }

    [Fact]
    public void Identities_are_a_signing_and_a_tls_certificate_per_peer_and_for_the_orderer()
    {
        var plan = ExamplePlans.Local("three-orgs");

        Assert.Equal((9 + 1) * 2, plan.Identities.Count);
        foreach (var peer in plan.Peers)
        {
            var identities = plan.Identities.Where(i => i.Name == peer.Name).ToList();
            Assert.Equal([CertificatePurpose.Signing, CertificatePurpose.Tls], identities.Select(i => i.Purpose));
            Assert.All(identities, i => Assert.Equal(peer.MspId, i.MspId));
            Assert.Contains("127.0.0.1", identities[1].IpAddresses);
        }

        Assert.Equal(2, plan.Identities.Count(i => i.Role == IdentityRole.Orderer));
    }

    [Fact]
    public void Gossip_tuning_reaches_the_plan_under_fabric_names()
    {
        var plan = ExamplePlans.Local("three-orgs");

        var settings = plan.Organizations.Single(o => o.Name == "org1").GossipSettings;
        Assert.Equal("3", settings["propagatePeerNum"]);
        Assert.Equal("4s", settings["pullInterval"]);
        Assert.Equal("10s", settings["aliveExpirationTimeout"]);
        Assert.Empty(plan.Organizations.Single(o => o.Name == "org2").GossipSettings);
    }

    [Fact]
    public void Three_orgs_warns_only_about_what_a_local_network_skips()
    {
        var result = ExamplePlans.Plan("three-orgs", PlanningTarget.Local(ExamplePlans.StateDirectory));

        Assert.Empty(result.Errors);
        Assert.Equal(
            ["Namespace/k8sgossip-three-orgs", "Organization/org3"],
            result.Warnings.Select(w => w.Resource?.ToString()));
        Assert.Equal("spec.containers", result.Warnings[1].Field);
    }

    [Fact]
    public void One_org_plans_one_channel_without_anchors_or_warnings()
    {
        var result = ExamplePlans.Plan("one-org", PlanningTarget.Local(ExamplePlans.StateDirectory));

        Assert.Empty(result.Issues);
        var plan = result.Plan!;
        var organization = Assert.Single(plan.Organizations);
        Assert.Equal("AcmeMSP", organization.MspId);
        Assert.Equal(3, organization.Peers.Count);
        Assert.Equal("default", organization.Resource.Namespace);
        var channel = Assert.Single(plan.Channels);
        Assert.Empty(channel.Anchors);
        Assert.Equal(DisseminationMode.Gossip, channel.Mode);
        Assert.All(organization.Peers, p => Assert.Null(p.External));
    }

    [Fact]
    public void The_same_resources_in_another_order_give_the_same_plan()
    {
        var manifests = K8sGossip.Operator.Planning.Manifests.ManifestLoader.Load(RepositoryPaths.Example("three-orgs"));
        var target = PlanningTarget.Local(ExamplePlans.StateDirectory);

        var forward = NetworkPlanner.Plan(manifests.Resources, target);
        var reversed = NetworkPlanner.Plan([.. manifests.Resources.Reverse()], target);

        Assert.Equal(PlanText.Of(forward.Plan!), PlanText.Of(reversed.Plan!));
    }
}

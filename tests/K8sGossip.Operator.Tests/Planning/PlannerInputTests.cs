using K8sGossip.Kubernetes.Models;
using K8sGossip.Operator.Crds;
using K8sGossip.Operator.Crds.Schema;
using K8sGossip.Operator.Planning;
using K8sGossip.Operator.Tests.Support;

namespace K8sGossip.Operator.Tests.Planning;

/// <summary>Objects built in code are validated and defaulted like manifests; bad input gives errors, never exceptions.</summary>
public sealed class PlannerInputTests
{
    private static readonly PlanningTarget Local = PlanningTarget.Local("/var/tmp/state");

    [Fact]
    public void Null_entries_and_foreign_types_are_errors_not_exceptions()
    {
        var result = NetworkPlanner.Plan([null, "not a resource"], Local);

        Assert.False(result.Succeeded);
        Assert.Equal([FieldErrorType.Required, FieldErrorType.NotSupported], result.Errors.Select(e => e.ErrorType!.Value));
        Assert.Equal("Unsupported value: \"String\": supported types: Organization, Channel, AnchorPeer", result.Errors[1].Message);
    }

    [Fact]
    public void An_organization_without_a_spec_is_reported_as_a_missing_field()
    {
        var result = NetworkPlanner.Plan([new Organization { Metadata = new ObjectMeta { Name = "org1" } }], Local);

        var error = Assert.Single(result.Errors);
        Assert.Equal("Organization/org1", error.Resource?.ToString());
        Assert.Equal("spec", error.Field);
        Assert.Equal("Required value", error.Message);
    }

    [Fact]
    public void Schema_bounds_apply_to_objects_built_in_code()
    {
        var result = NetworkPlanner.Plan([Resources.Organization("org1", "Org1MSP", peers: 0), Resources.Channel("ch", "org1")], Local);

        var error = Assert.Single(result.Errors);
        Assert.Equal("spec.peers", error.Field);
        Assert.Equal("Invalid value: 0: must be greater than or equal to 1", error.Message);
    }

    [Fact]
    public void Schema_defaults_fill_fields_an_object_built_in_code_leaves_out()
    {
        var channel = new Channel
        {
            Metadata = new ObjectMeta { Name = "ch" },
            Spec = new ChannelSpec { Organizations = ["org1"], Orderer = new OrdererSettings { Endpoints = ["o:7050"] }, Dissemination = null! },
        };

        var result = NetworkPlanner.Plan([Resources.Organization("org1", "Org1MSP"), channel], Local);

        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        Assert.Equal(DisseminationMode.Gossip, result.Plan!.Channels[0].Mode);
        Assert.Equal(10, result.Plan.Channels[0].Threshold);
    }

    [Fact]
    public void Other_kubernetes_kinds_are_ignored_with_a_warning()
    {
        var result = NetworkPlanner.Plan(
            [new Namespace { ApiVersion = "v1", Kind = "Namespace", Metadata = new ObjectMeta { Name = "ns1" } }, Resources.Organization("org1", "Org1MSP"), Resources.Channel("ch", "org1")],
            Local);

        Assert.True(result.Succeeded);
        var warning = Assert.Single(result.Warnings);
        Assert.Equal("Namespace/ns1", warning.Resource?.ToString());
    }

    [Fact]
    public void An_organization_name_too_long_for_pod_names_is_rejected()
    {
        var name = new string('a', 51);

        var result = NetworkPlanner.Plan([Resources.Organization(name, "Org1MSP"), Resources.Channel("ch", name)], PlanningTarget.Cluster());

        var error = Assert.Single(result.Errors);
        Assert.Equal("metadata.name", error.Field);
        Assert.Contains("at most 50 characters", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_channel_name_must_be_a_fabric_channel_id()
    {
        var result = NetworkPlanner.Plan([Resources.Organization("org1", "Org1MSP"), Resources.Channel("1ch", "org1")], Local);

        var error = Assert.Single(result.Errors);
        Assert.Equal("Channel/1ch", error.Resource?.ToString());
        Assert.StartsWith("Invalid value: \"1ch\": must be a valid channel ID", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Lease_election_is_rejected_on_a_local_network()
    {
        var organization = Resources.Organization("org1", "Org1MSP", configure: s => s with { LeaderElection = new LeaderElectionSettings { Mode = ElectionMode.Lease } });

        var result = NetworkPlanner.Plan([organization, Resources.Channel("ch", "org1")], Local);

        var error = Assert.Single(result.Errors);
        Assert.Equal("spec.leaderElection.mode", error.Field);
        Assert.StartsWith("Forbidden: lease election needs a Kubernetes API server", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Same_names_in_two_namespaces_are_distinct_in_a_cluster_but_collide_on_a_local_network()
    {
        object[] resources =
        [
            Resources.Organization("org1", "Org1MSP", @namespace: "a"),
            Resources.Organization("org1", "Org2MSP", @namespace: "b"),
        ];

        Assert.True(NetworkPlanner.Plan(resources, PlanningTarget.Cluster()).Succeeded);
        var error = Assert.Single(NetworkPlanner.Plan(resources, Local).Errors);
        Assert.Equal("Duplicate value: \"org1\": another Organization (a local network puts all namespaces together) has this name", error.Message);
    }

    [Fact]
    public void A_channel_may_name_members_by_msp_id_but_not_the_same_member_twice()
    {
        var result = NetworkPlanner.Plan([Resources.Organization("org1", "Org1MSP"), Resources.Channel("ch", "Org1MSP", "org1")], Local);

        var error = Assert.Single(result.Errors);
        Assert.Equal("spec.organizations[1]", error.Field);
        Assert.Equal("Duplicate value: \"org1\": Organization/org1 is already listed at spec.organizations[0]", error.Message);
    }

    [Fact]
    public void A_base_port_without_room_for_every_peer_is_rejected()
    {
        var result = NetworkPlanner.Plan([Resources.Organization("org1", "Org1MSP", peers: 10), Resources.Channel("ch", "org1")], PlanningTarget.Local("/var/tmp/state", 65510));

        var error = Assert.Single(result.Errors);
        Assert.Null(error.Resource);
        Assert.Equal("basePort", error.Field);
        Assert.Equal("Invalid value: 65510: the network needs 32 consecutive ports, so the base port must be at most 65504", error.Message);
    }

    [Fact]
    public void A_target_without_a_state_directory_is_rejected_before_planning()
    {
        var result = NetworkPlanner.Plan([Resources.Organization("org1", "Org1MSP")], PlanningTarget.Local(""));

        var error = Assert.Single(result.Issues);
        Assert.Equal("stateDirectory", error.Field);
        Assert.Equal(FieldErrorType.Required, error.ErrorType);
    }

    [Fact]
    public void The_local_orderer_msp_id_is_reserved()
    {
        var result = NetworkPlanner.Plan([Resources.Organization("org1", "OrdererMSP"), Resources.Channel("ch", "org1")], Local);

        Assert.Equal("Invalid value: \"OrdererMSP\": is reserved for the local network's orderer", Assert.Single(result.Errors).Message);
    }

    [Fact]
    public void Application_containers_may_not_take_the_sidecar_name()
    {
        var organization = Resources.Organization("org1", "Org1MSP", configure: s => s with { Containers = [new ApplicationContainer { Name = "gossip", Image = "busybox" }] });

        var result = NetworkPlanner.Plan([organization, Resources.Channel("ch", "org1")], PlanningTarget.Cluster());

        var error = Assert.Single(result.Errors);
        Assert.Equal("spec.containers[0].name", error.Field);
        Assert.Equal("Invalid value: \"gossip\": is reserved for the gossip sidecar", error.Message);
    }

    [Fact]
    public void A_member_without_an_anchor_in_a_shared_channel_gets_a_warning()
    {
        object[] resources =
        [
            Resources.Organization("org1", "Org1MSP", configure: s => s with { ExternalEndpoints = new ExternalEndpointSettings { Type = ExternalEndpointType.NodePort } }),
            Resources.Organization("org2", "Org2MSP"),
            Resources.Channel("ch", "org1", "org2"),
            Resources.Anchor("ch-org1", "ch", "org1", peer: 0),
        ];

        var result = NetworkPlanner.Plan(resources, PlanningTarget.Cluster());

        Assert.True(result.Succeeded);
        var warning = Assert.Single(result.Warnings);
        Assert.Equal("Channel/ch", warning.Resource?.ToString());
        Assert.Equal("Organization/org2 has no AnchorPeer in this channel; the other organizations cannot discover its peers", warning.Message);
    }

    [Fact]
    public void An_explicit_anchor_outside_the_network_is_kept_in_a_cluster_and_flagged_on_a_local_network()
    {
        object[] resources =
        [
            Resources.Organization("org1", "Org1MSP"),
            Resources.Channel("ch", "org1"),
            Resources.Anchor("ch-org1", "ch", "org1", endpoint: "peer.elsewhere.example.com:7051"),
        ];

        var cluster = NetworkPlanner.Plan(resources, PlanningTarget.Cluster());
        var local = NetworkPlanner.Plan(resources, Local);

        Assert.Empty(cluster.Issues);
        Assert.Equal(new Endpoint("peer.elsewhere.example.com", 7051), cluster.Plan!.Channels[0].Anchors[0].Endpoint);
        Assert.Null(cluster.Plan.Channels[0].Anchors[0].PeerName);
        var warning = Assert.Single(local.Warnings);
        Assert.Equal("spec.endpoint", warning.Field);
    }
}

using K8sGossip.Sidecar.Configuration;
using static K8sGossip.Sidecar.Tests.Configuration.ConfigurationFixture;

namespace K8sGossip.Sidecar.Tests.Configuration;

public sealed class StrictValidationTests
{
    [Fact]
    public void Unknown_yaml_key_is_named_with_its_full_path_and_a_suggestion()
    {
        var errors = Errors(MinimalYaml + "\n  gossip:\n    pullIntervall: 4s");

        var error = Assert.Single(errors);
        Assert.Equal("peer.gossip.pullIntervall", error.Key);
        Assert.Contains("did you mean 'peer.gossip.pullInterval'", error.Message, StringComparison.Ordinal);
        Assert.Contains("core.yaml line", error.Source, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_nested_election_key_suggests_the_election_key()
    {
        var errors = Errors(MinimalYaml + "\n  gossip:\n    election:\n      leaderAliveTreshold: 4s");

        var error = Assert.Single(errors);
        Assert.Equal("peer.gossip.election.leaderAliveTreshold", error.Key);
        Assert.Contains("peer.gossip.election.leaderAliveThreshold", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Key_in_the_wrong_section_suggests_where_it_belongs()
    {
        var errors = Errors(MinimalYaml + "\n  gossip:\n    indirectProbes: 3");

        Assert.Contains("k8sgossip.failureDetection.indirectProbes", Assert.Single(errors).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Key_known_under_another_name_points_to_that_name()
    {
        var errors = Errors(MinimalYaml + "\nk8sgossip:\n  reorder:\n    maxBlocks: 100");

        var error = Assert.Single(errors);
        Assert.Equal("k8sgossip.reorder.maxBlocks", error.Key);
        Assert.Contains("peer.gossip.state.blockBufferSize", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fabric_keys_that_are_not_used_are_rejected_with_the_reason()
    {
        var errors = Errors(
            MinimalYaml + "\n  gossip:\n    pvtData:\n      pullRetryThreshold: 60s\n  deliveryclient:\n    blockGossipEnabled: false",
            Environment(("CORE_PEER_GOSSIP_SKIPBLOCKVERIFICATION", "true")));

        Assert.Equal(3, errors.Count);
        Assert.Contains(errors, e => e.Key == "peer.gossip.pvtData" && e.Message.Contains("private data", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Key == "peer.deliveryclient.blockGossipEnabled" && e.Message.Contains("channels[].dissemination.mode", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Key == "CORE_PEER_GOSSIP_SKIPBLOCKVERIFICATION" && e.Message.Contains("always verified", StringComparison.Ordinal));
    }

    [Fact]
    public void Unknown_top_level_section_is_rejected()
    {
        var errors = Errors(MinimalYaml + "\nledger:\n  state:\n    stateDatabase: goleveldb");

        Assert.Equal("ledger", Assert.Single(errors).Key);
    }

    [Fact]
    public void Unknown_environment_variable_is_named_with_a_suggestion()
    {
        var errors = Errors(MinimalYaml, Environment(("CORE_PEER_GOSSIP_PULLINTERVALL", "2s"), ("K8SGOSSIP_FAILUREDETECTION_PROBEINTERVL", "1s")));

        Assert.Equal(2, errors.Count);
        Assert.Contains(errors, e => e.Key == "CORE_PEER_GOSSIP_PULLINTERVALL" && e.Message.Contains("CORE_PEER_GOSSIP_PULLINTERVAL (peer.gossip.pullInterval)", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Key == "K8SGOSSIP_FAILUREDETECTION_PROBEINTERVL" && e.Message.Contains("K8SGOSSIP_FAILUREDETECTION_PROBEINTERVAL", StringComparison.Ordinal));
    }

    [Fact]
    public void Kubernetes_service_links_under_the_prefix_are_not_mistaken_for_settings()
    {
        var environment = Environment(
            ("K8SGOSSIP_OPERATOR_SERVICE_HOST", "10.0.0.1"),
            ("K8SGOSSIP_OPERATOR_SERVICE_PORT", "443"),
            ("K8SGOSSIP_OPERATOR_SERVICE_PORT_HTTPS", "443"),
            ("K8SGOSSIP_OPERATOR_PORT", "tcp://10.0.0.1:443"),
            ("K8SGOSSIP_OPERATOR_PORT_443_TCP", "tcp://10.0.0.1:443"),
            ("K8SGOSSIP_OPERATOR_PORT_443_TCP_ADDR", "10.0.0.1"),
            ("K8SGOSSIP_PORTS_PEERR", "7051"));

        var error = Assert.Single(Errors(MinimalYaml, environment));

        Assert.Equal("K8SGOSSIP_PORTS_PEERR", error.Key);
        Assert.Contains("K8SGOSSIP_PORTS_PEER (k8sgossip.ports.peer)", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("peer.gossip.pullInterval", "gossip:\n    pullInterval: 4", "'4'", "Go duration")]
    [InlineData("peer.gossip.pullInterval", "gossip:\n    pullInterval: 4 seconds", "'4 seconds'", "Go duration")]
    [InlineData("peer.gossip.pullInterval", "gossip:\n    pullInterval: 50ms", "'50ms'", "from 100ms to 10m")]
    [InlineData("peer.gossip.propagatePeerNum", "gossip:\n    propagatePeerNum: three", "'three'", "whole number")]
    [InlineData("peer.gossip.propagatePeerNum", "gossip:\n    propagatePeerNum: 0", "'0'", "from 1 to 64")]
    [InlineData("peer.gossip.orgLeader", "gossip:\n    orgLeader: maybe", "'maybe'", "true or false")]
    [InlineData("peer.gossip.externalEndpoint", "gossip:\n    externalEndpoint: peer0.org1", "'peer0.org1'", "host:port")]
    [InlineData("peer.gossip.bootstrap", "gossip:\n    bootstrap: [a:7051, b:99999]", "b:99999", "host:port")]
    [InlineData("peer.tls.enabled", "tls:\n    enabled: false", "'false'", "mutual TLS")]
    [InlineData("peer.localMspId", "localMspId: Org 1", "'Org 1'", "MSP ID")]
    public void Bad_value_names_the_key_the_value_and_the_expected_form(string key, string peerYaml, string value, string expected)
    {
        var yaml = MinimalYaml.Replace("  localMspId: Org1MSP", key == "peer.localMspId" ? string.Empty : "  localMspId: Org1MSP", StringComparison.Ordinal) + "\n  " + peerYaml;

        var error = Assert.Single(Errors(yaml));

        Assert.Equal(key, error.Key);
        Assert.Contains(value, error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("K8SGOSSIP_DISSEMINATION_STOREMAXBYTES", "lots", "k8sgossip.dissemination.storeMaxBytes", "byte size")]
    [InlineData("K8SGOSSIP_ROLE", "client", "k8sgossip.role", "one of peer, orderer")]
    [InlineData("K8SGOSSIP_KUBERNETES_APISERVER", "http://api:80", "k8sgossip.kubernetes.apiServer", "https URL")]
    [InlineData("K8SGOSSIP_FAILUREDETECTION_SUSPICIONMULTIPLIER", "fast", "k8sgossip.failureDetection.suspicionMultiplier", "a number from 0.1 to 100")]
    [InlineData("K8SGOSSIP_ELECTION_MODE", "raft", "k8sgossip.election.mode", "one of static, dynamic, lease")]
    public void Bad_environment_value_names_the_key_the_variable_and_the_value(string variable, string value, string key, string expected)
    {
        var error = Assert.Single(Errors(MinimalYaml, Environment((variable, value))));

        Assert.Equal(key, error.Key);
        Assert.Contains($"'{value}'", error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Equal($"environment variable {variable}", error.Source);
    }

    [Fact]
    public void Missing_required_keys_are_each_reported_with_their_environment_variable()
    {
        var errors = Errors("peer:\n  gossip:\n    pullInterval: 2s");

        Assert.Equal(["peer.address", "peer.id", "peer.localMspId"], errors.Select(e => e.Key).Order(StringComparer.Ordinal));
        Assert.Contains(errors, e => e.Message.Contains("CORE_PEER_LOCALMSPID", StringComparison.Ordinal));
    }

    [Fact]
    public void Key_written_twice_in_different_case_is_rejected()
    {
        var error = Assert.Single(Errors(MinimalYaml + "\n  gossip:\n    pullInterval: 2s\n    pullinterval: 3s"));

        Assert.Equal("peer.gossip.pullInterval", error.Key);
        Assert.Contains("set twice", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Section_given_a_value_is_rejected()
    {
        var error = Assert.Single(Errors(MinimalYaml + "\n  gossip: fast"));

        Assert.Equal("peer.gossip", error.Key);
        Assert.Contains("section", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_yaml_is_reported_with_its_position()
    {
        var error = Assert.Single(Errors("peer:\n  id: [unclosed"));

        Assert.Equal(SourcePath, error.Key);
        Assert.Contains("not valid YAML at line", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Several_errors_are_reported_at_once()
    {
        var exception = Assert.Throws<ConfigurationException>(() => Load(
            MinimalYaml + "\n  gossip:\n    pullInterval: soon\n    propagatePeerNum: 0\n    fanOut: 3\n    useLeaderElection: true\n    orgLeader: true",
            Environment(("K8SGOSSIP_PORTS_PEER", "70000"))));

        var keys = exception.Errors.Select(e => e.Key).ToList();
        Assert.Contains("peer.gossip.pullInterval", keys);
        Assert.Contains("peer.gossip.propagatePeerNum", keys);
        Assert.Contains("peer.gossip.fanOut", keys);
        Assert.Contains("peer.gossip.useLeaderElection", keys);
        Assert.Contains("k8sgossip.ports.peer", keys);
        Assert.Equal(5, exception.Errors.Count);
        Assert.StartsWith("The configuration has 5 errors:", exception.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", exception.Message, StringComparison.Ordinal);
    }
}

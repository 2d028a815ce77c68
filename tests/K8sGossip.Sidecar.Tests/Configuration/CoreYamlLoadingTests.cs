using K8sGossip.Sidecar.Configuration;
using K8sGossip.Sidecar.Configuration.Documentation;
using K8sGossip.Sidecar.Configuration.Model;
using K8sGossip.Sidecar.Configuration.Values;
using static K8sGossip.Sidecar.Tests.Configuration.ConfigurationFixture;

namespace K8sGossip.Sidecar.Tests.Configuration;

public sealed class CoreYamlLoadingTests
{
    [Fact]
    public void Example_core_yaml_loads_with_every_section_populated()
    {
        var path = Path.Combine(RepositoryRoot(), CoreYamlExample.RelativePath);

        var config = SidecarConfigurationLoader.Load(path, NoEnvironment);

        Assert.Equal("peer0.org1.example.com", config.Peer.Id);
        Assert.Equal(new HostPort("peer0.org1.example.com", 7051), config.Peer.Address);
        Assert.Equal("Org1MSP", config.Peer.MspId);
        Assert.Equal([new HostPort("peer1.org1.example.com", 7051), new HostPort("peer2.org1.example.com", 7051)], config.Gossip.Bootstrap);
        Assert.Equal([new HostPort("orderer0.example.com", 7050)], config.Orderer.Endpoints);
        Assert.Equal(TimeSpan.FromSeconds(2), config.Gossip.PullInterval);
        Assert.Equal(LeaderElectionMode.Dynamic, config.Election.Mode);
        Assert.Equal(Path.Combine(Path.GetDirectoryName(path)!, "tls", "server.crt"), config.Tls.CertFile);
    }

    [Fact]
    public void Minimal_file_gets_the_tuned_defaults()
    {
        var config = Load(MinimalYaml);

        Assert.Equal(ConfigurationProfile.Default, config.Profile);
        Assert.Equal(SidecarRole.Peer, config.Role);
        Assert.Equal(TimeSpan.FromSeconds(2), config.Gossip.PullInterval);
        Assert.Equal(TimeSpan.FromSeconds(5), config.Gossip.ReconnectInterval);
        Assert.Equal(TimeSpan.FromMilliseconds(100), config.Gossip.DigestWaitTime);
        Assert.True(config.Election.UseLeaderElection);
        Assert.False(config.Election.OrgLeader);
        Assert.Equal(PushStrategy.Tree, config.Dissemination.Push);
        Assert.True(config.FailureDetection.Enabled);
        Assert.True(config.StateTransfer.Enabled);
        Assert.Equal(64L << 20, config.Dissemination.StoreMaxBytes);
    }

    [Fact]
    public void Fabric_defaults_profile_applies_fabric_values()
    {
        var config = LoadWith("k8sgossip:\n  profile: fabric-defaults");

        Assert.Equal(ConfigurationProfile.FabricDefaults, config.Profile);
        Assert.Equal(3, config.Gossip.PropagatePeerNum);
        Assert.Equal(TimeSpan.FromSeconds(4), config.Gossip.PullInterval);
        Assert.Equal(TimeSpan.FromSeconds(5), config.Gossip.AliveTimeInterval);
        Assert.Equal(TimeSpan.FromSeconds(25), config.Gossip.AliveExpirationTimeout);
        Assert.Equal(TimeSpan.FromSeconds(25), config.Gossip.ReconnectInterval);
        Assert.Equal(TimeSpan.FromSeconds(500), config.Gossip.DeadMemberRetention);
        Assert.Equal(10, config.Gossip.MaxBlockCountToStore);
        Assert.Equal(TimeSpan.FromMilliseconds(1500), config.Gossip.RequestWaitTime);
        Assert.Equal(TimeSpan.FromSeconds(10), config.Election.LeaderAliveThreshold);
        Assert.Equal(TimeSpan.FromSeconds(15), config.Election.StartupGracePeriod);
        Assert.False(config.Election.UseLeaderElection);
        Assert.True(config.Election.OrgLeader);
        Assert.Equal(LeaderElectionMode.Static, config.Election.Mode);
        Assert.False(config.StateTransfer.Enabled);
        Assert.Equal(20, config.StateTransfer.BlockBufferSize);
        Assert.Equal(PushStrategy.Random, config.Dissemination.Push);
        Assert.False(config.FailureDetection.Enabled);
    }

    [Fact]
    public void Environment_variables_override_the_profile()
    {
        var config = LoadWith(
            "k8sgossip:\n  profile: fabric-defaults",
            Environment(("CORE_PEER_GOSSIP_PULLINTERVAL", "6s"), ("CORE_PEER_GOSSIP_MAXBLOCKCOUNTTOSTORE", "50")));

        Assert.Equal(TimeSpan.FromSeconds(6), config.Gossip.PullInterval);
        Assert.Equal(50, config.Gossip.MaxBlockCountToStore);
        Assert.Equal(TimeSpan.FromSeconds(25), config.Gossip.AliveExpirationTimeout);
    }

    [Fact]
    public void Keys_in_the_file_override_the_profile()
    {
        var config = Load("""
            peer:
              id: p0
              address: p0.org1:7051
              localMspId: Org1MSP
              gossip:
                pullInterval: 6s
                aliveTimeInterval: 1m30s
                aliveExpirationTimeout: 1h
                election:
                  leaderAliveThreshold: 30s
            k8sgossip:
              profile: fabric-defaults
            """);

        Assert.Equal(TimeSpan.FromSeconds(6), config.Gossip.PullInterval);
        Assert.Equal(TimeSpan.FromSeconds(90), config.Gossip.AliveTimeInterval);
        Assert.Equal(TimeSpan.FromHours(1), config.Gossip.AliveExpirationTimeout);
        Assert.Equal(TimeSpan.FromSeconds(30), config.Election.LeaderAliveThreshold);
        Assert.Equal(TimeSpan.FromSeconds(5), config.Election.LeaderElectionDuration);
    }

    [Fact]
    public void Environment_overrides_win_over_the_file()
    {
        var config = LoadWith(
            """
            k8sgossip:
              role: peer
              failureDetection:
                probeInterval: 2s
            """,
            Environment(
                ("CORE_PEER_GOSSIP_PULLINTERVAL", "3s"),
                ("CORE_PEER_GOSSIP_ELECTION_LEADERALIVETHRESHOLD", "4s"),
                ("CORE_PEER_ID", "from-env"),
                ("CORE_PEER_GOSSIP_BOOTSTRAP", "a.org1:7051 b.org1:7051,c.org1:7051"),
                ("K8SGOSSIP_FAILUREDETECTION_PROBEINTERVAL", "1500ms"),
                ("K8SGOSSIP_DISSEMINATION_STOREMAXBYTES", "16MiB")));

        Assert.Equal(TimeSpan.FromSeconds(3), config.Gossip.PullInterval);
        Assert.Equal(TimeSpan.FromSeconds(4), config.Election.LeaderAliveThreshold);
        Assert.Equal("from-env", config.Peer.Id);
        Assert.Equal(["a.org1", "b.org1", "c.org1"], config.Gossip.Bootstrap.Select(b => b.Host));
        Assert.Equal(TimeSpan.FromMilliseconds(1500), config.FailureDetection.ProbeInterval);
        Assert.Equal(16L << 20, config.Dissemination.StoreMaxBytes);
    }

    [Fact]
    public void Profile_can_be_chosen_by_environment_variable()
    {
        var config = Load(MinimalYaml, Environment(("K8SGOSSIP_PROFILE", "fabric-defaults")));

        Assert.Equal(ConfigurationProfile.FabricDefaults, config.Profile);
        Assert.Equal(TimeSpan.FromSeconds(4), config.Gossip.PullInterval);
    }

    [Fact]
    public void Empty_environment_variables_and_unrelated_core_variables_are_ignored()
    {
        var config = Load(MinimalYaml, Environment(("CORE_PEER_GOSSIP_PULLINTERVAL", string.Empty), ("CORE_PEER_CHAINCODEADDRESS", "x:1"), ("CORE_LEDGER_STATE_STATEDATABASE", "CouchDB")));

        Assert.Equal(TimeSpan.FromSeconds(2), config.Gossip.PullInterval);
    }

    [Fact]
    public void Keys_match_without_regard_to_case_as_viper_does()
    {
        var config = LoadWith("peer:\n  gossip:\n    PULLINTERVAL: 7s");

        Assert.Equal(TimeSpan.FromSeconds(7), config.Gossip.PullInterval);
    }

    [Fact]
    public void Gossip_endpoint_defaults_to_peer_address_and_relative_paths_follow_the_file()
    {
        var config = Load(MinimalYaml);

        Assert.Equal(config.Peer.Address, config.Gossip.Endpoint);
        Assert.Null(config.Gossip.ExternalEndpoint);
        Assert.Equal("/etc/k8sgossip/msp", config.Peer.MspConfigPath);
        Assert.Equal("/etc/k8sgossip/channels.yaml", config.ChannelsFile);
        Assert.Equal("/var/lib/k8sgossip", config.DataDir);
    }

    [Fact]
    public void Lists_accept_yaml_sequences()
    {
        var config = LoadWith("peer:\n  tls:\n    clientRootCAs:\n      files:\n        - ca/org1.pem\n        - /abs/org2.pem");

        Assert.Equal(["/etc/k8sgossip/ca/org1.pem", "/abs/org2.pem"], config.Tls.ClientRootCaFiles);
    }

    [Fact]
    public void Setting_only_the_election_mode_derives_the_fabric_flags()
    {
        var config = LoadWith("k8sgossip:\n  election:\n    mode: static");

        Assert.Equal(LeaderElectionMode.Static, config.Election.Mode);
        Assert.False(config.Election.UseLeaderElection);
        Assert.False(config.Election.OrgLeader);
    }

    [Fact]
    public void Setting_use_leader_election_under_fabric_defaults_clears_the_static_leader_flag()
    {
        var config = LoadWith("k8sgossip:\n  profile: fabric-defaults\n", Environment(("CORE_PEER_GOSSIP_USELEADERELECTION", "true")));

        Assert.True(config.Election.UseLeaderElection);
        Assert.False(config.Election.OrgLeader);
        Assert.Equal(LeaderElectionMode.Dynamic, config.Election.Mode);
    }

    [Fact]
    public void Lease_mode_loads_with_kubernetes_settings()
    {
        var config = LoadWith("""
            k8sgossip:
              election:
                mode: lease
              kubernetes:
                namespace: org1
                apiServer: https://kubernetes.default.svc
            """);

        Assert.Equal(LeaderElectionMode.Lease, config.Election.Mode);
        Assert.Equal(new Uri("https://kubernetes.default.svc"), config.Kubernetes.ApiServer);
    }

    [Fact]
    public void Empty_yaml_values_count_as_unset_as_in_viper()
    {
        var config = LoadWith("peer:\n  gossip:\n    externalEndpoint:\n    pullInterval: ~\n    bootstrap: []");

        Assert.Null(config.Gossip.ExternalEndpoint);
        Assert.Equal(TimeSpan.FromSeconds(2), config.Gossip.PullInterval);
        Assert.Empty(config.Gossip.Bootstrap);
    }

    [Fact]
    public void Decimal_multipliers_parse()
    {
        var config = Load(MinimalYaml, Environment(("K8SGOSSIP_FAILUREDETECTION_SUSPICIONMULTIPLIER", "1.5")));

        Assert.Equal(1.5, config.FailureDetection.SuspicionMultiplier);
    }
}

using K8sGossip.Gossip.Channels;
using K8sGossip.Gossip.Dissemination;
using K8sGossip.Gossip.Membership;
using K8sGossip.Gossip.Node;
using K8sGossip.Sidecar.Configuration.Channels;
using K8sGossip.Sidecar.Configuration.Model;
using K8sGossip.Sidecar.Configuration.Values;
using K8sGossip.Sidecar.Hosting;
using K8sGossip.Sidecar.Tests.Configuration;

namespace K8sGossip.Sidecar.Tests.Hosting;

public sealed class EngineOptionsMapperTests
{
    [Fact]
    public void Membership_takes_endpoints_bootstrap_and_timing_from_the_gossip_keys()
    {
        var configuration = ConfigurationFixture.LoadWith("""
            peer:
              gossip:
                bootstrap: [peer1.org1.example.com:7051]
                externalEndpoint: peer0.example.com:443
                aliveTimeInterval: 3s
                aliveExpirationTimeout: 12s
                msgExpirationFactor: 7
            k8sgossip:
              failureDetection:
                enabled: false
            """);

        var membership = EngineOptionsMapper.Membership(configuration);

        Assert.Equal("peer0.org1.example.com:7051", membership.Endpoint);
        Assert.Equal("peer0.example.com:443", membership.ExternalEndpoint);
        Assert.Equal(["peer1.org1.example.com:7051"], membership.Bootstrap);
        Assert.Equal(TimeSpan.FromSeconds(3), membership.AliveTimeInterval);
        Assert.Equal(TimeSpan.FromSeconds(12), membership.AliveExpirationTimeout);
        Assert.Equal(7, membership.MessageExpirationFactor);
        Assert.Equal(FailureDetection.AliveExpiration, membership.FailureDetection);
        membership.Validate();
    }

    [Fact]
    public void Tree_push_maps_to_plumtree_with_the_eager_and_lazy_fanouts()
    {
        var configuration = ConfigurationFixture.LoadWith("""
            k8sgossip:
              dissemination:
                push: tree
                eagerFanout: 4
                lazyFanout: 7
                farBehindThreshold: 0
            """);

        var dissemination = EngineOptionsMapper.Dissemination(configuration);

        Assert.Equal(PushMode.Plumtree, dissemination.PushMode);
        Assert.Equal(4, dissemination.Fanout);
        Assert.Equal(7, dissemination.LazyFanout);
        Assert.Equal(ulong.MaxValue, dissemination.FarBehindThreshold);
        dissemination.Validate();
    }

    [Fact]
    public void Random_push_maps_to_infect_and_die_with_propagatePeerNum_as_fanout()
    {
        var configuration = ConfigurationFixture.LoadWith("""
            peer:
              gossip:
                propagatePeerNum: 5
                maxBlockCountToStore: 50
            k8sgossip:
              dissemination:
                push: random
            """);

        var dissemination = EngineOptionsMapper.Dissemination(configuration);

        Assert.Equal(PushMode.InfectAndDie, dissemination.PushMode);
        Assert.Equal(5, dissemination.Fanout);
        Assert.Equal(50, dissemination.StoreMaxCount);
    }

    [Fact]
    public void Election_timers_come_from_the_election_keys()
    {
        var configuration = ConfigurationFixture.LoadWith("""
            peer:
              gossip:
                election:
                  startupGracePeriod: 5s
                  leaderAliveThreshold: 4s
                  leaderElectionDuration: 1s
            k8sgossip:
              election:
                heightTolerance: 3
                yieldPeriod: 20s
            """);

        var election = EngineOptionsMapper.Election(configuration);

        Assert.Equal(TimeSpan.FromSeconds(5), election.StartupGracePeriod);
        Assert.Equal(TimeSpan.FromSeconds(4), election.LeaderAliveThreshold);
        Assert.Equal(TimeSpan.FromSeconds(1), election.LeaderElectionDuration);
        Assert.Equal(3UL, election.HeightTolerance);
        Assert.Equal(TimeSpan.FromSeconds(20), election.YieldPeriod);
        Assert.Empty(election.Validate());
    }

    [Fact]
    public void Block_options_take_the_reorder_window_and_stay_valid()
    {
        var configuration = ConfigurationFixture.LoadWith("""
            peer:
              gossip:
                state:
                  blockBufferSize: 50
                  batchSize: 32
            """);

        var blocks = EngineOptionsMapper.Blocks(configuration);

        Assert.Equal(50, blocks.ReorderWindow);
        Assert.True(blocks.ReorderMaxBlocks <= 50);
        Assert.Empty(blocks.Validate());
        Assert.Equal(49, EngineOptionsMapper.DeliverClient(configuration).MaxBlocksInFlight);
    }

    [Fact]
    public void Fabric_defaults_profile_selects_the_engines_fabric_profile()
    {
        var configuration = ConfigurationFixture.LoadWith("""
            k8sgossip:
              profile: fabric-defaults
            """);

        Assert.Equal(GossipProfile.FabricDefaults, EngineOptionsMapper.Profile(configuration));
        Assert.Equal(GossipProfile.Default, EngineOptionsMapper.Profile(ConfigurationFixture.Load(ConfigurationFixture.MinimalYaml)));
    }

    [Fact]
    public void Channel_definition_becomes_the_engines_channel_with_anchors_grouped_by_organization()
    {
        var definition = new ChannelDefinition(
            "mychannel",
            ["Org1MSP", "Org2MSP"],
            [new AnchorPeer("Org1MSP", new HostPort("a.org1", 7051)), new AnchorPeer("Org1MSP", new HostPort("b.org1", 7051)), new AnchorPeer("Org2MSP", new HostPort("::1", 9051))],
            [new HostPort("orderer", 7050)],
            BlockDisseminationMode.Adaptive,
            25,
            LeaderElectionMode.Dynamic);

        var channel = EngineOptionsMapper.Channel(definition);

        Assert.Equal("mychannel", channel.Name);
        Assert.Equal(["Org1MSP", "Org2MSP"], channel.MemberOrgs.ToArray());
        Assert.Equal(["a.org1:7051", "b.org1:7051"], channel.AnchorPeers["Org1MSP"].ToArray());
        Assert.Equal(["[::1]:9051"], channel.AnchorPeers["Org2MSP"].ToArray());
        Assert.Equal(ChannelDisseminationMode.Adaptive, channel.Mode);
        Assert.Equal(25, channel.AdaptiveThreshold);
        Assert.Equal(25UL, EngineOptionsMapper.SourceLoop(ConfigurationFixture.Load(ConfigurationFixture.MinimalYaml), definition).Threshold);
        Assert.Equal(new Uri("https://orderer:7050"), EngineOptionsMapper.DeliverAddress(definition.OrdererEndpoints[0]));
        channel.Validate();
    }

    [Fact]
    public void Transport_listens_on_the_peer_port_and_advertises_the_gossip_endpoint()
    {
        var configuration = ConfigurationFixture.LoadWith("""
            peer:
              gossip:
                sendBuffSize: 64
                recvBuffSize: 8
            k8sgossip:
              ports:
                peer: 17051
            """);

        var transport = EngineOptionsMapper.Transport(configuration, System.Net.IPAddress.Loopback);

        Assert.Equal(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 17051), transport.ListenEndPoint);
        Assert.Equal("peer0.org1.example.com:7051", transport.AdvertisedEndpoint);
        Assert.Equal(64, transport.SendQueueMaxFrames);
        Assert.Equal(8, transport.ReceiveBufferFrames);
    }

    [Fact]
    public void Channel_settings_take_the_state_info_intervals()
    {
        var configuration = ConfigurationFixture.LoadWith("""
            peer:
              gossip:
                publishStateInfoInterval: 2s
                requestStateInfoInterval: 7s
            """);

        var channels = EngineOptionsMapper.Channels(configuration);

        Assert.Equal(TimeSpan.FromSeconds(2), channels.StateInfoMinInterval);
        Assert.Equal(TimeSpan.FromSeconds(7), channels.StateInfoPullInterval);
        channels.Validate();
    }
}

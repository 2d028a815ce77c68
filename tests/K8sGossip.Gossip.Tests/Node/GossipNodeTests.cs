using System.Collections.Immutable;
using K8sGossip.Gossip.Channels;
using K8sGossip.Gossip.Dissemination;
using K8sGossip.Gossip.Identity;
using K8sGossip.Gossip.Membership;
using K8sGossip.Gossip.Node;
using K8sGossip.Gossip.Simulation;

namespace K8sGossip.Gossip.Tests.Node;

public sealed class GossipNodeTests
{
    private static SimulatedCluster Started(int n, int seed, GossipProfile profile = GossipProfile.Default)
    {
        var cluster = new SimulatedCluster(new SimulatedClusterOptions { Seed = seed, Organizations = [("Org1MSP", n)], Profile = profile });
        cluster.Start();
        Assert.True(cluster.RunUntilChannelViewsComplete("ch1", TimeSpan.FromSeconds(60)));
        return cluster;
    }

    [Fact]
    public void A_node_joins_its_channels_and_delivers_what_its_leader_publishes()
    {
        var cluster = Started(n: 6, seed: 41);
        var delivered = new List<DeliveredData>();
        var receiver = cluster.Nodes[4];
        receiver.DataDelivered += delivered.Add;

        cluster.Nodes[0].Publish("ch1", 0, new byte[] { 1, 2, 3 }, "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
        Assert.True(cluster.Time.RunUntil(() => delivered.Count == 1, TimeSpan.FromSeconds(5)));

        Assert.Equal(["ch1"], receiver.ChannelNames);
        Assert.Equal(5, receiver.ChannelViews["ch1"].Members.Length);
        Assert.Equal(new byte[] { 1, 2, 3 }, delivered[0].Data.ToArray());
        Assert.Equal("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01", delivered[0].TraceParent);
        Assert.InRange(delivered[0].Hops, 1, 5);
        Assert.Equal(1UL, receiver.Channel("ch1").LedgerHeight); // no block layer here: the node reports what it holds
    }

    [Fact]
    public void A_node_that_leaves_drops_out_of_membership_and_channel_views_at_once()
    {
        var cluster = Started(n: 6, seed: 42);
        var leaving = cluster.Nodes[3];
        var others = cluster.Nodes.Where(n => n != leaving).ToList();

        leaving.LeaveAndStop();
        Assert.True(cluster.Time.RunUntil(
            () => others.All(n => !n.Channel("ch1").View.Contains(leaving.Identity.PkiId)
                && !(n.Membership.Current.TryGet(leaving.Identity.PkiId, out var m) && m.State == PeerLiveness.Alive)),
            TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public void Fabric_defaults_profile_selects_fabric_timings_in_every_layer()
    {
        var options = new GossipNodeOptions
        {
            Signer = SimulatedCluster.Peer("Org1MSP", 0).CreateSigner(),
            TrustBundle = TrustBundle.From(SimulatedCluster.Authority("Org1MSP")),
            Channels = [ChannelConfig.Of("ch1", "Org1MSP")],
            Profile = GossipProfile.FabricDefaults,
        };

        var dissemination = options.EffectiveDissemination();
        Assert.Equal(PushMode.InfectAndDie, dissemination.PushMode);
        Assert.Equal(3, dissemination.Fanout);
        Assert.Equal(TimeSpan.FromSeconds(4), dissemination.PullInterval);
        Assert.Equal(TimeSpan.FromSeconds(4), options.EffectiveChannelSettings().StateInfoPullInterval);
        var cluster = Started(n: 3, seed: 43, GossipProfile.FabricDefaults);
        Assert.Equal(PushMode.InfectAndDie, cluster.Nodes[0].Dissemination("ch1").Options.PushMode);
    }

    [Fact]
    public void Options_that_contradict_each_other_are_refused_naming_the_setting()
    {
        var signer = SimulatedCluster.Peer("Org1MSP", 0).CreateSigner();
        var bundle = TrustBundle.From(SimulatedCluster.Authority("Org1MSP"));

        var notMember = Assert.Throws<ArgumentException>(new GossipNodeOptions
        {
            Signer = signer,
            TrustBundle = bundle,
            Channels = [ChannelConfig.Of("ch1", "Org2MSP")],
        }.Validate);
        Assert.Contains("channels[ch1].organizations", notMember.Message, StringComparison.Ordinal);

        var twice = Assert.Throws<ArgumentException>(new GossipNodeOptions
        {
            Signer = signer,
            TrustBundle = bundle,
            Channels = [ChannelConfig.Of("ch1", "Org1MSP"), ChannelConfig.Of("ch1", "Org1MSP")],
        }.Validate);
        Assert.Contains("twice", twice.Message, StringComparison.Ordinal);

        var anchors = Assert.Throws<ArgumentException>(() => (ChannelConfig.Of("ch1", "Org1MSP") with
        {
            AnchorPeers = ImmutableDictionary<string, ImmutableArray<string>>.Empty.Add("Org9MSP", ["a:1"]),
        }).Validate());
        Assert.Contains("anchorPeers", anchors.Message, StringComparison.Ordinal);

        var pull = Assert.Throws<ArgumentException>(() => new DisseminationOptions { PullInterval = TimeSpan.FromMilliseconds(500) }.Validate());
        Assert.Contains("pullInterval", pull.Message, StringComparison.Ordinal);
    }
}

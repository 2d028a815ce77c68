using K8sGossip.Gossip.Comm;
using K8sGossip.Gossip.Dissemination;
using K8sGossip.Gossip.Node;
using K8sGossip.Gossip.Protos;
using K8sGossip.Gossip.Simulation;
using K8sGossip.Gossip.Tests.Channels;

namespace K8sGossip.Gossip.Tests.Dissemination;

public sealed class PushTests
{
    internal static SimulatedCluster Cluster(int n, int seed, double loss = 0, bool pull = true, GossipProfile profile = GossipProfile.Default, IDataValidator? validator = null)
    {
        var dissemination = profile == GossipProfile.FabricDefaults ? DisseminationOptions.FabricDefaults() : new DisseminationOptions();
        dissemination.PullEnabled = pull;
        var cluster = new SimulatedCluster(new SimulatedClusterOptions
        {
            Seed = seed,
            Organizations = [("Org1MSP", n)],
            Link = new LinkOptions(TimeSpan.FromMilliseconds(1), TimeSpan.Zero, loss),
            Profile = profile,
            Dissemination = dissemination,
            DataValidator = validator ?? AcceptAllDataValidator.Instance,
        });
        cluster.Start();
        Assert.True(cluster.RunUntilChannelViewsComplete("ch1", TimeSpan.FromSeconds(60)), "channel views did not converge");
        return cluster;
    }

    [Fact]
    public void Push_alone_reaches_every_peer_of_100_with_about_one_copy_each()
    {
        var cluster = Cluster(n: 100, seed: 3, pull: false);
        var feed = new BlockFeed(cluster);
        feed.Schedule(cluster.Nodes[0], count: 100, bytes: 1024, TimeSpan.FromMilliseconds(50));

        Assert.True(cluster.Time.RunUntil(() => feed.AllDelivered(), TimeSpan.FromSeconds(30)), $"delivered {feed.DeliveredShare(cluster.Nodes):P3}");

        var receivers = cluster.Nodes.Skip(1).ToList();
        Assert.InRange(feed.CopiesPerPeerPerBlock(receivers), 1.0, 1.5);
        Assert.All(receivers, n => Assert.Equal(0, n.Dissemination("ch1").Stats.DeliveredByPull));
    }

    [Fact]
    public void Push_and_pull_deliver_all_500_blocks_to_100_peers_despite_5_percent_loss()
    {
        var cluster = Cluster(n: 100, seed: 5, loss: 0.05);
        var feed = new BlockFeed(cluster);
        feed.Schedule(cluster.Nodes[0], count: 500, bytes: 1024, TimeSpan.FromMilliseconds(20));

        Assert.True(cluster.Time.RunUntil(() => feed.AllDelivered(), TimeSpan.FromSeconds(60)), $"delivered {feed.DeliveredShare(cluster.Nodes):P3}");

        var stats = cluster.Nodes.Select(n => n.Dissemination("ch1").Stats).ToList();
        Assert.True(stats.Sum(s => s.DeliveredByGraft) > 0, "lost pushes are repaired by grafts");
        var pulled = stats.Sum(s => s.DeliveredByPull);
        Assert.True(pulled < 0.02 * 99 * 500, $"pull is the safety net, not the common path: {pulled} of {99 * 500} deliveries came by pull");
    }

    [Fact]
    public void Fabric_defaults_push_is_infect_and_die_with_about_three_copies_and_missed_peers()
    {
        var cluster = Cluster(n: 100, seed: 7, pull: false, profile: GossipProfile.FabricDefaults);
        var feed = new BlockFeed(cluster);
        feed.Schedule(cluster.Nodes[0], count: 50, bytes: 1024, TimeSpan.FromMilliseconds(50));
        cluster.Time.Advance(TimeSpan.FromSeconds(10));

        var receivers = cluster.Nodes.Skip(1).ToList();
        Assert.InRange(feed.CopiesPerPeerPerBlock(receivers), 2.5, 3.0);
        // About 6% of peers are missed per block: they would wait for pull (here off).
        Assert.InRange(feed.DeliveredShare(receivers), 0.88, 0.98);
        Assert.All(cluster.Nodes, n => Assert.Equal(0, n.Dissemination("ch1").Stats.IHavesSent));
    }

    [Fact]
    public void A_peer_far_behind_gets_no_block_pushed_while_the_others_get_every_block()
    {
        var cluster = Cluster(n: 12, seed: 9);
        var straggler = cluster.Nodes[5];
        foreach (var node in cluster.Nodes.Where(n => n != straggler))
        {
            node.UpdateLedgerHeight("ch1", 1000);
        }

        straggler.UpdateLedgerHeight("ch1", 10);
        cluster.Time.Advance(TimeSpan.FromSeconds(3)); // every StateInfo with the new heights arrives
        var frames = new FrameRecorder(cluster.Network);
        var feed = new BlockFeed(cluster);
        feed.Schedule(cluster.Nodes[0], count: 30, bytes: 512, TimeSpan.FromMilliseconds(50), firstSeq: 1000);

        var others = cluster.Nodes.Where(n => n != straggler).ToList();
        Assert.True(cluster.Time.RunUntil(() => feed.AllDelivered(others), TimeSpan.FromSeconds(10)));
        cluster.Time.Advance(TimeSpan.FromSeconds(5));

        Assert.DoesNotContain(frames.At(straggler.Endpoint), f => f.Message.ContentCase == GossipMessage.ContentOneofCase.Data);
        Assert.Equal(0, straggler.Dissemination("ch1").Stats.CopiesReceived);
        Assert.True(others.Sum(n => n.Dissemination("ch1").Stats.FarBehindSkips) > 0);
    }

    [Fact]
    public void Invalid_data_is_rejected_counted_and_never_forwarded()
    {
        var validator = new RejectSequence(13);
        var cluster = Cluster(n: 10, seed: 10, validator: validator);
        var feed = new BlockFeed(cluster);
        feed.Schedule(cluster.Nodes[0], count: 20, bytes: 256, TimeSpan.FromMilliseconds(50), firstSeq: 0);

        cluster.Time.Advance(TimeSpan.FromSeconds(10));

        var receivers = cluster.Nodes.Skip(1).ToList();
        Assert.All(receivers, n => Assert.False(feed.Has(n, 13)));
        Assert.All(receivers, n => Assert.True(Enumerable.Range(0, 20).Where(s => s != 13).All(s => feed.Has(n, (ulong)s))));
        // Only the source ever sends item 13; every first receiver refuses it and sends it nowhere.
        Assert.True(receivers.Sum(n => n.Counters.Get(RejectionReason.InvalidBlock)) >= 1);
        Assert.All(receivers, n => Assert.False(n.Dissemination("ch1").Store.Contains(13)));
    }

    [Fact]
    public void Trace_context_and_hop_count_travel_with_the_block()
    {
        var cluster = Cluster(n: 20, seed: 12);
        var feed = new BlockFeed(cluster);
        feed.Schedule(cluster.Nodes[0], count: 5, bytes: 256, TimeSpan.FromMilliseconds(50), traceParent: seq => $"00-{seq + 1:x32}-00f067aa0ba902b7-01");

        Assert.True(cluster.Time.RunUntil(() => feed.AllDelivered(), TimeSpan.FromSeconds(10)));

        Assert.All(feed.Deliveries, d => Assert.Equal($"00-{d.Seq + 1:x32}-00f067aa0ba902b7-01", d.TraceParent));
        Assert.All(feed.Deliveries, d => Assert.InRange(d.Hops, 1, 19));
        Assert.Contains(feed.Deliveries, d => d.Hops > 1);
    }

    private sealed class RejectSequence(ulong bad) : IDataValidator
    {
        public string? Validate(string channel, ulong seq, ReadOnlyMemory<byte> data) => seq == bad ? "signature does not verify" : null;
    }
}

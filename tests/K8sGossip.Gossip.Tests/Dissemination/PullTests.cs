using Google.Protobuf;
using K8sGossip.Gossip.Comm;
using K8sGossip.Gossip.Dissemination;
using K8sGossip.Gossip.Node;
using K8sGossip.Gossip.Protos;
using K8sGossip.Gossip.Simulation;

namespace K8sGossip.Gossip.Tests.Dissemination;

public sealed class PullTests
{
    private static void SendRaw(GossipNode from, GossipNode to, GossipMessage message) =>
        from.Comm.Send(new RemotePeer(to.Identity.PkiId, to.Endpoint), from.Channel("ch1").CreateEnvelope(message));

    [Fact]
    public void Pull_delivers_what_infect_and_die_push_missed()
    {
        var cluster = PushTests.Cluster(n: 40, seed: 31, profile: GossipProfile.FabricDefaults);
        var feed = new BlockFeed(cluster);
        feed.Schedule(cluster.Nodes[0], count: 20, bytes: 512, TimeSpan.FromMilliseconds(50));

        Assert.True(cluster.Time.RunUntil(() => feed.AllDelivered(), TimeSpan.FromSeconds(30)));

        Assert.True(cluster.Nodes.Sum(n => n.Dissemination("ch1").Stats.DeliveredByPull) > 0);
    }

    [Fact]
    public void A_pull_response_nobody_asked_for_is_rejected_counted_and_not_delivered()
    {
        var cluster = PushTests.Cluster(n: 4, seed: 32, pull: false);
        var (attacker, victim) = (cluster.Nodes[1], cluster.Nodes[2]);
        var before = victim.Counters.Get(RejectionReason.UnexpectedContent);
        var item = new GossipMessage { Data = new DataMessage { SeqNum = 5, Data = ByteString.CopyFromUtf8("forged") } };
        var response = new PullResponse { Nonce = 12345 };
        response.Data.Add(attacker.Channel("ch1").CreateEnvelope(item));

        SendRaw(attacker, victim, new GossipMessage { PullResponse = response });
        cluster.Time.Advance(TimeSpan.FromMilliseconds(50));

        Assert.Equal(before + 1, victim.Counters.Get(RejectionReason.UnexpectedContent));
        Assert.Equal(0, victim.Dissemination("ch1").Stats.Delivered);
        Assert.False(victim.Dissemination("ch1").Store.Contains(5));
    }

    [Fact]
    public void A_digest_or_request_without_a_hello_is_rejected_and_counted()
    {
        var cluster = PushTests.Cluster(n: 4, seed: 33, pull: false);
        var (attacker, victim) = (cluster.Nodes[1], cluster.Nodes[2]);
        cluster.Nodes[0].Publish("ch1", 0, new byte[16]);
        cluster.Time.Advance(TimeSpan.FromMilliseconds(100));
        var before = victim.Counters.Get(RejectionReason.UnexpectedContent);
        var digest = new PullDigest { Nonce = 1 };
        digest.SeqNums.Add(99);
        var request = new PullRequest { Nonce = 2 };
        request.SeqNums.Add(0);

        SendRaw(attacker, victim, new GossipMessage { PullDigest = digest });
        SendRaw(attacker, victim, new GossipMessage { PullRequest = request });
        cluster.Time.Advance(TimeSpan.FromMilliseconds(50));

        Assert.Equal(before + 2, victim.Counters.Get(RejectionReason.UnexpectedContent));
    }

    [Fact]
    public void Digests_that_miss_the_digest_wait_are_counted_late_not_rejected()
    {
        var cluster = PushTests.Cluster(n: 2, seed: 34);
        var (a, b) = (cluster.Nodes[0], cluster.Nodes[1]);
        a.Publish("ch1", 0, new byte[16]);
        Assert.True(cluster.Time.RunUntil(() => b.Dissemination("ch1").Store.Contains(0), TimeSpan.FromSeconds(1)));

        // A round trip of 300 ms against a 100 ms digest wait: every digest is late, from an honest peer.
        cluster.Network.SetLink(a.Endpoint, b.Endpoint, new LinkOptions(TimeSpan.FromMilliseconds(150), TimeSpan.Zero));
        cluster.Time.Advance(TimeSpan.FromSeconds(10));

        Assert.All(cluster.Nodes, n => Assert.Equal(0, n.Counters.Get(RejectionReason.UnexpectedContent)));
        Assert.All(cluster.Nodes, n => Assert.True(n.Dissemination("ch1").Stats.PullLateAnswers >= 3, $"{n.Dissemination("ch1").Stats.PullLateAnswers} late answers"));
    }

    [Fact]
    public void A_response_that_misses_the_response_wait_still_delivers_its_blocks_once()
    {
        var dissemination = new DisseminationOptions { ResponseWaitTime = TimeSpan.FromMilliseconds(50) };
        var cluster = new SimulatedCluster(new SimulatedClusterOptions
        {
            Seed = 35,
            Organizations = [("Org1MSP", 2)],
            Link = new LinkOptions(TimeSpan.FromMilliseconds(1), TimeSpan.Zero),
            Dissemination = dissemination,
        });
        cluster.Start();
        Assert.True(cluster.RunUntilChannelViewsComplete("ch1", TimeSpan.FromSeconds(60)));
        var (a, b) = (cluster.Nodes[0], cluster.Nodes[1]);

        // The push is lost, so only pull can carry the block, over a link whose round trip (80 ms) outlasts the response wait.
        cluster.Network.Partition([a.Endpoint], [b.Endpoint]);
        a.Publish("ch1", 0, new byte[16]);
        cluster.Time.Advance(TimeSpan.FromMilliseconds(20));
        cluster.Network.Heal();
        cluster.Network.SetLink(a.Endpoint, b.Endpoint, new LinkOptions(TimeSpan.FromMilliseconds(40), TimeSpan.Zero));

        Assert.True(cluster.Time.RunUntil(() => b.Dissemination("ch1").Store.Contains(0), TimeSpan.FromSeconds(10)));
        cluster.Time.Advance(TimeSpan.FromSeconds(5));

        var stats = b.Dissemination("ch1").Stats;
        Assert.Equal(1, stats.Delivered);
        Assert.Equal(1, stats.DeliveredByPull);
        Assert.True(stats.PullLateAnswers >= 1);
        Assert.All(cluster.Nodes, n => Assert.Equal(0, n.Counters.TotalRejections));
    }
}

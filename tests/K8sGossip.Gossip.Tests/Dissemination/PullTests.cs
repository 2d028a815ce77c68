using Google.Protobuf;
using K8sGossip.Gossip.Comm;
using K8sGossip.Gossip.Node;
using K8sGossip.Gossip.Protos;

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
}

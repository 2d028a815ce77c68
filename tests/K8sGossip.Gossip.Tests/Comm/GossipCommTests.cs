using Google.Protobuf;
using K8sGossip.Gossip.Comm;
using K8sGossip.Gossip.Identity;
using K8sGossip.Gossip.Protos;
using K8sGossip.Gossip.Tests.Support;

namespace K8sGossip.Gossip.Tests.Comm;

public sealed class GossipCommTests
{
    private static Envelope App(string text) =>
        SignedEnvelope.Unsigned(new GossipMessage { Tag = RoutingTag.Any, App = new AppMessage { Topic = "t", Payload = ByteString.CopyFromUtf8(text) } });

    private static List<ReceivedMessage> Inbox(TestNode node)
    {
        var inbox = new List<ReceivedMessage>();
        node.Comm.Handle(GossipMessage.ContentOneofCase.App, inbox.Add);
        return inbox;
    }

    private static (GossipTestBed Bed, TestNode A, TestNode B) TwoNodes(int seed = 1)
    {
        var bed = new GossipTestBed(seed);
        var a = bed.AddNode("Org1MSP");
        var b = bed.AddNode("Org2MSP");
        a.StartComm();
        b.StartComm();
        return (bed, a, b);
    }

    [Fact]
    public void Messages_arrive_from_the_authenticated_sender_in_send_order_after_the_handshake()
    {
        var (bed, a, b) = TwoNodes();
        var inbox = Inbox(b);
        var connected = new List<PeerIdentity>();
        b.Comm.PeerConnected += connected.Add;

        for (var i = 0; i < 5; i++)
        {
            a.Comm.Send(new RemotePeer(b.PkiId, b.Endpoint), App($"m{i}"));
        }

        bed.Time.Advance(TimeSpan.FromMilliseconds(50));

        Assert.Equal(["m0", "m1", "m2", "m3", "m4"], inbox.Select(m => m.Message.App.Payload.ToStringUtf8()));
        Assert.All(inbox, m => Assert.Equal(a.PkiId, m.SenderPkiId));
        Assert.All(inbox, m => Assert.Equal("Org1MSP", m.SenderMspId));
        Assert.Equal([a.PkiId], connected.Select(c => c.PkiId));
        Assert.Equal([b.PkiId], a.Comm.ConnectedPeers);
        Assert.Equal(1, a.Counters.Get("comm.handshakes.ok"));
    }

    [Fact]
    public void Simultaneous_dials_settle_on_one_connection_that_both_sides_use()
    {
        var (bed, a, b) = TwoNodes(seed: 3);
        var inboxA = Inbox(a);
        var inboxB = Inbox(b);

        a.Comm.Send(new RemotePeer(b.PkiId, b.Endpoint), App("from a"));
        b.Comm.Send(new RemotePeer(a.PkiId, a.Endpoint), App("from b"));
        bed.Time.Advance(TimeSpan.FromMilliseconds(100));
        a.Comm.Send(new RemotePeer(b.PkiId, b.Endpoint), App("again a"));
        b.Comm.Send(new RemotePeer(a.PkiId, a.Endpoint), App("again b"));
        bed.Time.Advance(TimeSpan.FromSeconds(5)); // the duplicate drains, then closes

        Assert.Equal(1, a.Transport.ConnectionCount);
        Assert.Equal(1, b.Transport.ConnectionCount);
        Assert.Equal(["from b", "again b"], inboxA.Select(m => m.Message.App.Payload.ToStringUtf8()));
        Assert.Equal(["from a", "again a"], inboxB.Select(m => m.Message.App.Payload.ToStringUtf8()));
        Assert.Equal([b.PkiId], a.Comm.ConnectedPeers);
        Assert.Equal([a.PkiId], b.Comm.ConnectedPeers);
    }

    [Fact]
    public void A_refused_dial_is_reported_with_the_peer_it_was_meant_to_reach()
    {
        var (bed, a, b) = TwoNodes();
        var failed = new List<PkiId>();
        a.Comm.DialFailed += failed.Add;
        var bPkiId = b.PkiId;
        bed.Network.Crash(b.Endpoint);

        a.Comm.Send(new RemotePeer(bPkiId, "nobody-listens:7051"), App("lost"));
        bed.Time.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal([bPkiId], failed);
        Assert.False(a.Comm.IsConnected(bPkiId));
    }

    [Fact]
    public void A_peer_reached_by_endpoint_alone_is_learned_from_its_handshake()
    {
        var (bed, a, b) = TwoNodes();
        var inbox = Inbox(b);

        a.Comm.Send(new RemotePeer(default, b.Endpoint), App("hello bootstrap"));
        bed.Time.Advance(TimeSpan.FromMilliseconds(50));
        a.Comm.Send(new RemotePeer(default, b.Endpoint), App("second"));
        bed.Time.Advance(TimeSpan.FromMilliseconds(50));

        Assert.Equal(2, inbox.Count);
        Assert.Equal([b.PkiId], a.Comm.ConnectedPeers);
        Assert.Equal(1, a.Counters.Get("comm.dials"));
    }

    [Fact]
    public void A_dialled_endpoint_answering_with_another_identity_is_refused()
    {
        var bed = new GossipTestBed(seed: 4);
        var a = bed.AddNode("Org1MSP");
        var b = bed.AddNode("Org1MSP");
        var c = bed.AddNode("Org1MSP");
        foreach (var node in new[] { a, b, c })
        {
            node.StartComm();
        }

        var inbox = Inbox(b);

        a.Comm.Send(new RemotePeer(c.PkiId, b.Endpoint), App("for c"));
        bed.Time.Advance(TimeSpan.FromMilliseconds(50));

        Assert.Empty(inbox);
        Assert.Equal(1, a.Counters.Get(RejectionReason.UnexpectedPeer));
        Assert.Empty(a.Comm.ConnectedPeers);
    }

    [Fact]
    public void Disconnect_closes_both_sides_and_the_next_send_reconnects()
    {
        var (bed, a, b) = TwoNodes();
        var inbox = Inbox(b);
        var gone = new List<PkiId>();
        b.Comm.PeerDisconnected += gone.Add;
        a.Comm.Send(new RemotePeer(b.PkiId, b.Endpoint), App("one"));
        bed.Time.Advance(TimeSpan.FromMilliseconds(50));

        a.Comm.Disconnect(b.PkiId, "test");
        bed.Time.Advance(TimeSpan.FromMilliseconds(50));

        Assert.Equal([a.PkiId], gone);
        Assert.Empty(a.Comm.ConnectedPeers);
        Assert.Empty(b.Comm.ConnectedPeers);
        a.Comm.Send(new RemotePeer(b.PkiId, b.Endpoint), App("two"));
        bed.Time.Advance(TimeSpan.FromMilliseconds(50));
        Assert.Equal(["one", "two"], inbox.Select(m => m.Message.App.Payload.ToStringUtf8()));
    }

    [Fact]
    public void A_banned_peer_is_disconnected_and_refused_until_the_ban_ends()
    {
        var (bed, a, b) = TwoNodes();
        var inbox = Inbox(b);
        a.Comm.Send(new RemotePeer(b.PkiId, b.Endpoint), App("before"));
        bed.Time.Advance(TimeSpan.FromMilliseconds(50));

        b.Comm.Ban(a.PkiId, TimeSpan.FromSeconds(30), "test");
        bed.Time.Advance(TimeSpan.FromMilliseconds(50));
        a.Comm.Send(new RemotePeer(b.PkiId, b.Endpoint), App("during"));
        bed.Time.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(["before"], inbox.Select(m => m.Message.App.Payload.ToStringUtf8()));
        Assert.True(b.Counters.Get(RejectionReason.Banned) >= 1);

        bed.Time.Advance(TimeSpan.FromSeconds(30));
        a.Comm.Send(new RemotePeer(b.PkiId, b.Endpoint), App("after"));
        bed.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(["before", "after"], inbox.Select(m => m.Message.App.Payload.ToStringUtf8()));
    }

    [Fact]
    public void Idle_connections_close_and_silent_ones_are_detected_by_keepalive_timeout()
    {
        var bed = new GossipTestBed(seed: 5);
        var a = bed.AddNode("Org1MSP");
        var b = bed.AddNode("Org1MSP");
        var c = bed.AddNode("Org1MSP");
        foreach (var node in new[] { a, b, c })
        {
            node.StartComm();
        }

        a.Comm.Send(new RemotePeer(b.PkiId, b.Endpoint), App("x"));
        a.Comm.Send(new RemotePeer(c.PkiId, c.Endpoint), App("x"));
        bed.Time.Advance(TimeSpan.FromSeconds(1));
        bed.Network.Crash(c.Endpoint);

        bed.Time.Advance(TimeSpan.FromSeconds(60));
        Assert.Equal([b.PkiId], a.Comm.ConnectedPeers); // the keepalives to c went unanswered
        Assert.Equal(1, a.Counters.Get("comm.closed.unresponsive"));

        bed.Time.Advance(new CommOptions().IdleTimeout);
        Assert.Empty(a.Comm.ConnectedPeers); // a and b kept exchanging keepalives, but had nothing to say
        Assert.True(a.Counters.Get("comm.closed.idle") + b.Counters.Get("comm.closed.idle") >= 1);
    }

    [Fact]
    public void Sends_beyond_the_pending_limit_are_dropped_and_counted()
    {
        var bed = new GossipTestBed(seed: 6) { CommOptions = new CommOptions { MaxPendingMessages = 3 } };
        var a = bed.AddNode("Org1MSP");
        var b = bed.AddNode("Org1MSP");
        a.StartComm();
        b.StartComm();
        var inbox = Inbox(b);

        for (var i = 0; i < 5; i++)
        {
            a.Comm.Send(new RemotePeer(b.PkiId, b.Endpoint), App($"m{i}"));
        }

        bed.Time.Advance(TimeSpan.FromMilliseconds(50));

        Assert.Equal(3, inbox.Count);
        Assert.Equal(2, a.Counters.Get("comm.send.dropped.pending_full"));
    }

    [Fact]
    public void Options_validation_names_the_setting()
    {
        var error = Assert.Throws<ArgumentException>(() => new CommOptions { KeepaliveTimeout = TimeSpan.FromSeconds(1) }.Validate());
        Assert.Contains("KeepaliveTimeout", error.Message, StringComparison.Ordinal);
    }
}

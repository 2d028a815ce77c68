using System.Security.Cryptography;
using Google.Protobuf;
using K8sGossip.Gossip.Comm;
using K8sGossip.Gossip.Identity;
using K8sGossip.Gossip.Protos;
using K8sGossip.Gossip.Tests.Support;

namespace K8sGossip.Gossip.Tests.Comm;

public sealed class HandshakeSecurityTests
{
    private readonly GossipTestBed _bed = new(seed: 21);
    private readonly TestNode _victim;
    private readonly List<ReceivedMessage> _inbox = [];

    public HandshakeSecurityTests()
    {
        _victim = _bed.AddNode("Org1MSP");
        _victim.StartComm();
        _victim.Comm.Handle(GossipMessage.ContentOneofCase.App, _inbox.Add);
    }

    private RawPeer Attacker(string name, PeerCredentials? credentials = null) =>
        new(_bed, name + ":1", credentials?.TlsCertificateHash ?? SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(name)));

    private static byte[] App(string text, RoutingTag tag = RoutingTag.Any) =>
        RawPeer.Frame(new GossipMessage { Tag = tag, App = new AppMessage { Topic = "t", Payload = ByteString.CopyFromUtf8(text) } });

    private void AssertRefused(RawPeer attacker, RejectionReason reason)
    {
        Assert.Equal(1, _victim.Counters.Get(reason));
        Assert.NotNull(attacker.ClosedReason);
        Assert.Empty(_victim.Comm.ConnectedPeers);
    }

    [Fact]
    public void A_valid_handshake_is_accepted_and_the_peer_can_talk()
    {
        var credentials = TestPki.Peer("Org2MSP", 7);
        var peer = Attacker("honest", credentials);

        Assert.True(peer.ConnectAuthenticated(_victim.Endpoint, credentials));
        peer.Send(App("hi"));

        Assert.Equal([credentials.PkiId], _victim.Comm.ConnectedPeers);
        Assert.Single(_inbox);
        Assert.Equal(0, _victim.Counters.TotalRejections);
    }

    [Fact]
    public void A_captured_handshake_replayed_on_another_tls_session_is_refused()
    {
        var honest = _bed.AddNode("Org1MSP");
        honest.StartComm();
        byte[]? captured = null;
        _bed.Network.FrameDelivered += d =>
        {
            if (d.From == honest.Endpoint && d.To == _victim.Endpoint && captured is null)
            {
                captured = d.Frame.ToArray();
            }
        };
        honest.Comm.Send(new RemotePeer(_victim.PkiId, _victim.Endpoint), SignedEnvelope.Unsigned(new GossipMessage { Tag = RoutingTag.Any, App = new AppMessage() }));
        _bed.Time.Advance(TimeSpan.FromMilliseconds(50));
        Assert.NotNull(captured);

        var replayer = Attacker("replayer");
        replayer.Connect(_victim.Endpoint);
        replayer.Send(captured);

        Assert.Equal(1, _victim.Counters.Get(RejectionReason.TlsBindingMismatch));
        Assert.NotNull(replayer.ClosedReason);
        Assert.Equal([honest.PkiId], _victim.Comm.ConnectedPeers);
    }

    [Fact]
    public void A_handshake_with_a_forged_signature_is_refused()
    {
        var claimed = TestPki.Peer("Org1MSP", 8);
        var forger = TestPki.Peer("Org1MSP", 9);
        var attacker = Attacker("forger");
        attacker.Connect(_victim.Endpoint);

        attacker.Send(RawPeer.Handshake(claimed, attacker.Transport.TlsCertificateHash, _bed.Time.GetUtcNow(), signer: forger.CreateSigner()));

        AssertRefused(attacker, RejectionReason.BadSignature);
    }

    [Fact]
    public void A_handshake_claiming_another_peers_pki_id_is_refused()
    {
        var attackerCredentials = TestPki.Peer("Org1MSP", 10);
        var attacker = Attacker("impostor", attackerCredentials);
        attacker.Connect(_victim.Endpoint);

        attacker.Send(RawPeer.Handshake(attackerCredentials, attacker.Transport.TlsCertificateHash, _bed.Time.GetUtcNow(), claimedPkiId: TestPki.Peer("Org1MSP", 11).PkiId));

        AssertRefused(attacker, RejectionReason.PkiIdMismatch);
    }

    [Fact]
    public void A_handshake_with_a_certificate_from_an_untrusted_ca_is_refused()
    {
        using var rogueCa = CertificateAuthority.Create("Org1MSP", _bed.Time);
        var rogue = rogueCa.IssuePeer("rogue.org1msp");
        var attacker = Attacker("rogue", rogue);
        attacker.Connect(_victim.Endpoint);

        attacker.Send(RawPeer.Handshake(rogue, attacker.Transport.TlsCertificateHash, _bed.Time.GetUtcNow()));

        AssertRefused(attacker, RejectionReason.UnknownAuthority);
    }

    [Fact]
    public void A_handshake_with_a_stale_timestamp_is_refused()
    {
        var credentials = TestPki.Peer("Org2MSP", 12);
        var attacker = Attacker("stale", credentials);
        attacker.Connect(_victim.Endpoint);

        attacker.Send(RawPeer.Handshake(credentials, attacker.Transport.TlsCertificateHash, _bed.Time.GetUtcNow().AddMinutes(-10)));

        AssertRefused(attacker, RejectionReason.ClockSkew);
    }

    [Fact]
    public void A_first_frame_that_is_not_a_handshake_is_refused()
    {
        var attacker = Attacker("rude");
        attacker.Connect(_victim.Endpoint);

        attacker.Send(App("no handshake"));

        AssertRefused(attacker, RejectionReason.UnexpectedContent);
        Assert.Empty(_inbox);
    }

    [Fact]
    public void An_oversized_handshake_is_refused_before_decoding()
    {
        var attacker = Attacker("big");
        attacker.Connect(_victim.Endpoint);

        attacker.Send(new byte[64 * 1024]);

        AssertRefused(attacker, RejectionReason.Oversize);
    }

    [Fact]
    public void A_silent_connection_is_closed_at_the_handshake_timeout()
    {
        var attacker = Attacker("silent");
        attacker.Connect(_victim.Endpoint);

        _bed.Time.Advance(TimeSpan.FromSeconds(4));

        AssertRefused(attacker, RejectionReason.HandshakeTimeout);
    }

    [Fact]
    public void Illegal_tags_and_oversized_frames_are_refused_and_the_connection_keeps_working()
    {
        var credentials = TestPki.Peer("Org2MSP", 13);
        var peer = Attacker("sloppy", credentials);
        Assert.True(peer.ConnectAuthenticated(_victim.Endpoint, credentials));

        peer.Send(App("wrong tag", RoutingTag.ChanAndOrg));
        peer.Send(RawPeer.Frame(new GossipMessage { Tag = RoutingTag.OrgOnly, Data = new DataMessage { SeqNum = 1 } }));
        peer.Send(new byte[new CommOptions().MaxMessageBytes + 1]);
        peer.Send(RawPeer.Frame(new GossipMessage { Tag = RoutingTag.Any }));
        peer.Send(App("fine"));

        Assert.Equal(2, _victim.Counters.Get(RejectionReason.IllegalTag));
        Assert.Equal(1, _victim.Counters.Get(RejectionReason.Oversize));
        Assert.Equal(1, _victim.Counters.Get(RejectionReason.EmptyContent));
        Assert.Equal(["fine"], _inbox.Select(m => m.Message.App.Payload.ToStringUtf8()));
        Assert.Null(peer.ClosedReason);
    }

    [Fact]
    public void A_peer_that_keeps_sending_garbage_is_banned_and_refused_on_reconnect()
    {
        var credentials = TestPki.Peer("Org2MSP", 14);
        var peer = Attacker("noisy", credentials);
        Assert.True(peer.ConnectAuthenticated(_victim.Endpoint, credentials));

        for (var i = 0; i < new CommOptions().BanThreshold; i++)
        {
            peer.Send(new byte[] { 0xFF, 0xFF, 0xFF, (byte)i });
        }

        Assert.NotNull(peer.ClosedReason);
        Assert.True(_victim.Comm.IsBanned(credentials.PkiId));
        Assert.False(peer.ConnectAuthenticated(_victim.Endpoint, credentials));
        Assert.Equal(1, _victim.Counters.Get(RejectionReason.Banned));
    }
}

using Google.Protobuf;
using K8sGossip.Gossip.Comm;
using K8sGossip.Gossip.Identity;
using K8sGossip.Gossip.Membership;
using K8sGossip.Gossip.Protos;
using K8sGossip.Gossip.Tests.Support;

namespace K8sGossip.Gossip.Tests.Membership;

/// <summary>An authenticated but hostile peer (valid Org1 credentials) attacks one node of a converged cluster.</summary>
public sealed class HostileInputTests : IDisposable
{
    private readonly GossipTestBed _bed;
    private readonly IReadOnlyList<TestNode> _nodes;
    private readonly TestNode _victim;
    private readonly PeerCredentials _attackerCredentials = TestPki.Peer("Org1MSP", 40);
    private readonly LocalSigner _attackerSigner;
    private readonly RawPeer _attacker;
    private readonly List<byte[]> _frames = [];
    private readonly RecordingLoggerFactory _logs = new();

    public HostileInputTests()
    {
        _bed = new GossipTestBed(seed: 51) { CommOptions = new CommOptions { BanThreshold = int.MaxValue }, LoggerFactory = _logs };
        _nodes = _bed.AddNodes("Org1MSP", 5);
        _victim = _nodes[0];
        _bed.BootstrapFrom(_victim);
        _bed.Network.FrameDelivered += d => _frames.Add(d.Frame.ToArray());
        foreach (var node in _nodes)
        {
            node.StartMembership();
        }

        Assert.True(_bed.Time.RunUntil(() => GossipTestBed.Converged(_nodes), TimeSpan.FromSeconds(30)));
        _attackerSigner = _attackerCredentials.CreateSigner();
        _attacker = new RawPeer(_bed, "attacker.org1msp:7051", _attackerCredentials.TlsCertificateHash);
        Assert.True(_attacker.ConnectAuthenticated(_victim.Endpoint, _attackerCredentials));
    }

    public void Dispose()
    {
        _attackerSigner.Dispose();
        _logs.Dispose();
    }

    private long Rejected(RejectionReason reason) => _victim.Counters.Get(reason);

    private GossipMessage AttackerAlive(ulong sequence, PkiId? claimed = null, RoutingTag tag = RoutingTag.Any, ulong incarnation = 5) => new()
    {
        Tag = tag,
        Alive = new AliveMessage
        {
            Membership = new Member { PkiId = (claimed ?? _attackerCredentials.PkiId).ToByteString(), MspId = "Org1MSP", Endpoint = "attacker.org1msp:7051" },
            Timestamp = new PeerTime { Incarnation = incarnation, Sequence = sequence },
            Identity = ByteString.CopyFrom(_attackerCredentials.IdentityCertificate.RawData),
        },
    };

    /// <summary>The earliest alive envelope of <paramref name="peer"/> seen on the wire (possibly nested in a response).</summary>
    private Envelope EarliestAliveOf(TestNode peer)
    {
        foreach (var frame in _frames)
        {
            var outer = Envelope.Parser.ParseFrom(frame);
            var message = GossipMessage.Parser.ParseFrom(outer.Payload);
            IEnumerable<Envelope> candidates = message.ContentCase switch
            {
                GossipMessage.ContentOneofCase.Alive => [outer],
                GossipMessage.ContentOneofCase.MembershipRequest => [message.MembershipRequest.SelfInformation],
                GossipMessage.ContentOneofCase.MembershipResponse => message.MembershipResponse.Alive,
                _ => [],
            };
            foreach (var candidate in candidates)
            {
                var alive = GossipMessage.Parser.ParseFrom(candidate.Payload).Alive;
                if (alive.Membership.PkiId.Span.SequenceEqual(peer.PkiId.Span) && alive.Timestamp.Sequence == 1)
                {
                    return candidate;
                }
            }
        }

        throw new InvalidOperationException("no alive message of the peer was captured");
    }

    [Fact]
    public void An_alive_message_with_a_forged_signature_is_refused()
    {
        var forger = TestPki.Peer("Org1MSP", 41).CreateSigner();

        _attacker.Send(RawPeer.Frame(AttackerAlive(1), forger));

        Assert.Equal(1, Rejected(RejectionReason.BadSignature));
        Assert.False(_victim.View.Current.TryGet(_attackerCredentials.PkiId, out _));
    }

    [Fact]
    public void An_alive_message_claiming_another_pki_id_is_refused()
    {
        _attacker.Send(RawPeer.Frame(AttackerAlive(1, claimed: TestPki.Peer("Org1MSP", 42).PkiId), _attackerSigner));
        _attacker.Send(RawPeer.Frame(AttackerAlive(9, claimed: _nodes[2].PkiId, incarnation: ulong.MaxValue), _attackerSigner));

        Assert.Equal(1, Rejected(RejectionReason.PkiIdMismatch));
        Assert.Equal(1, Rejected(RejectionReason.BadSignature));
    }

    [Fact]
    public void A_replayed_old_alive_message_is_refused_as_a_replay()
    {
        var target = _nodes[1];
        var old = EarliestAliveOf(target);
        var prober = new RawPeer(_bed, "prober.org1msp:7051", TestPki.Peer("Org1MSP", 43).TlsCertificateHash);
        Assert.True(prober.ConnectAuthenticated(target.Endpoint, TestPki.Peer("Org1MSP", 43)));
        prober.Send(RawPeer.Frame(new GossipMessage { Tag = RoutingTag.Any, Probe = new Probe { ProbeId = 1, Suspected = true } }), TimeSpan.FromMilliseconds(50));
        Assert.True(_victim.View.Current.TryGet(target.PkiId, out var refreshed) && refreshed.Sequence > 1);

        _attacker.Send(old.ToByteArray());

        Assert.Equal(1, Rejected(RejectionReason.Replay));
        Assert.True(_victim.View.Current.TryGet(target.PkiId, out var member) && member.Sequence == refreshed.Sequence);
    }

    [Fact]
    public void A_membership_request_in_another_peers_name_and_a_forged_leave_are_refused()
    {
        var someoneElse = EarliestAliveOf(_nodes[3]);
        var forgedLeave = new GossipMessage
        {
            Tag = RoutingTag.Any,
            Leave = new LeaveMessage { PkiId = _nodes[2].PkiId.ToByteString(), Timestamp = new PeerTime { Incarnation = ulong.MaxValue, Sequence = 1 } },
        };

        _attacker.Send(RawPeer.Frame(new GossipMessage { Tag = RoutingTag.Any, MembershipRequest = new MembershipRequest { SelfInformation = someoneElse } }));
        _attacker.Send(RawPeer.Frame(forgedLeave, _attackerSigner));

        Assert.Equal(1, Rejected(RejectionReason.Spoofed));
        Assert.Equal(1, Rejected(RejectionReason.BadSignature));
        Assert.True(_victim.View.Current.TryGet(_nodes[2].PkiId, out var member) && member.State == PeerLiveness.Alive);
        Assert.DoesNotContain(_attacker.Received.Select(f => GossipMessage.Parser.ParseFrom(Envelope.Parser.ParseFrom(f).Payload)),
            m => m.ContentCase == GossipMessage.ContentOneofCase.MembershipResponse);
    }

    [Fact]
    public void Membership_content_with_an_illegal_tag_is_refused()
    {
        _attacker.Send(RawPeer.Frame(AttackerAlive(1, tag: RoutingTag.ChanAndOrg), _attackerSigner));
        _attacker.Send(RawPeer.Frame(new GossipMessage { Tag = RoutingTag.ChanOnly, Probe = new Probe { ProbeId = 3 } }));

        Assert.Equal(2, Rejected(RejectionReason.IllegalTag));
        Assert.Null(_attacker.ClosedReason);
    }

    [Fact]
    public void A_hundred_thousand_random_and_mutated_frames_are_refused_without_harm()
    {
        var random = new Random(52);
        var corpus = Corpus();
        var structurallyInvalid = 0;
        for (var i = 0; i < 95_000; i++)
        {
            if (_attacker.ClosedReason is not null || !_victim.Comm.ConnectedPeers.Contains(_attackerCredentials.PkiId))
            {
                // A valid (mutated) leave, or the cluster declaring the unresponsive attacker dead, closes the connection.
                _bed.Time.RunUntil(() => _attacker.ClosedReason is not null, TimeSpan.FromSeconds(1));
                Assert.True(_attacker.ConnectAuthenticated(_victim.Endpoint, _attackerCredentials));
            }

            var frame = Mutate(random, corpus);
            var before = _victim.Counters.TotalRejections;
            _attacker.Connection!.TrySend(frame);
            _bed.Time.Advance(TimeSpan.FromMilliseconds(2));
            var stillConnected = _attacker.ClosedReason is null && _victim.Comm.ConnectedPeers.Contains(_attackerCredentials.PkiId);
            if (stillConnected && !IsStructurallyValid(frame))
            {
                structurallyInvalid++;
                Assert.True(_victim.Counters.TotalRejections > before, $"input {i} was neither valid nor rejected: {Convert.ToHexString(frame)}");
            }
        }

        var handshake = RawPeer.Handshake(_attackerCredentials, _attacker.Transport.TlsCertificateHash, _bed.Time.GetUtcNow());
        var prober = new RawPeer(_bed, "fuzzer.org1msp:7051", _attackerCredentials.TlsCertificateHash);
        for (var i = 0; i < 5_000; i++)
        {
            prober.Connect(_victim.Endpoint);
            var before = _victim.Counters.TotalRejections;
            var accepted = _victim.Counters.Get("comm.handshakes.ok");
            prober.Connection!.TrySend(Mutate(random, [handshake]));
            _bed.Time.Advance(TimeSpan.FromMilliseconds(2));
            Assert.True(_victim.Counters.TotalRejections > before || _victim.Counters.Get("comm.handshakes.ok") > accepted, $"handshake input {i} was neither accepted nor rejected");
            prober.Connection.Close("next input");
        }

        Assert.True(structurallyInvalid > 50_000);
        Assert.Equal(0, _victim.Counters.Get(RejectionReason.HandlerFailed));
        Assert.Empty(_logs.Errors);

        // The node keeps working: a newcomer bootstrapping from it is seen by everyone.
        var newcomer = _bed.AddNode("Org1MSP");
        newcomer.StartMembership();
        var everyone = _nodes.Append(newcomer).ToList();
        Assert.True(_bed.Time.RunUntil(() => GossipTestBed.Converged(everyone), TimeSpan.FromSeconds(30)), GossipTestBed.DescribeViews(everyone));
    }

    private List<byte[]> Corpus()
    {
        var someone = EarliestAliveOf(_nodes[2]);
        GossipMessage[] unsigned =
        [
            new() { Tag = RoutingTag.Any, Probe = new Probe { ProbeId = 7 } },
            new() { Tag = RoutingTag.Any, ProbeAck = new ProbeAck { ProbeId = 7 } },
            new() { Tag = RoutingTag.Any, IndirectProbe = new IndirectProbeRequest { ProbeId = 8, TargetPkiId = _nodes[2].PkiId.ToByteString() } },
            new() { Tag = RoutingTag.Any, IndirectProbeResult = new IndirectProbeResult { ProbeId = 8, TargetPkiId = _nodes[2].PkiId.ToByteString(), Reached = true } },
            new() { Tag = RoutingTag.Any, MembershipRequest = new MembershipRequest { SelfInformation = SignedEnvelope.Create(AttackerAlive(3), _attackerSigner) } },
            new() { Tag = RoutingTag.Any, MembershipResponse = new MembershipResponse { Alive = { someone }, Dead = { someone } } },
            new() { Tag = RoutingTag.Any, Keepalive = new Protos.Empty() },
            new() { Tag = RoutingTag.ChanAndOrg, Channel = ByteString.CopyFromUtf8("ch1"), Data = new DataMessage { SeqNum = 4, Data = ByteString.CopyFrom(new byte[64]) } },
        ];
        GossipMessage[] signed =
        [
            AttackerAlive(2),
            new() { Tag = RoutingTag.Any, Leave = new LeaveMessage { PkiId = _attackerCredentials.PkiId.ToByteString(), Timestamp = new PeerTime { Incarnation = 5, Sequence = 9 } } },
            new()
            {
                Tag = RoutingTag.Any,
                Suspect = new SuspectMessage
                {
                    TargetPkiId = _nodes[3].PkiId.ToByteString(),
                    TargetTimestamp = new PeerTime { Incarnation = 1, Sequence = 1 },
                    AccuserPkiId = _attackerCredentials.PkiId.ToByteString(),
                },
            },
        ];
        return [.. unsigned.Select(m => RawPeer.Frame(m)), .. signed.Select(m => RawPeer.Frame(m, _attackerSigner)), someone.ToByteArray()];
    }

    private static byte[] Mutate(Random random, List<byte[]> corpus)
    {
        var seed = corpus[random.Next(corpus.Count)];
        switch (random.Next(6))
        {
            case 0: // pure noise
                var noise = new byte[random.Next(0, 300)];
                random.NextBytes(noise);
                return noise;
            case 1: // flip a few bytes
                var flipped = (byte[])seed.Clone();
                for (var n = random.Next(1, 5); n > 0; n--)
                {
                    flipped[random.Next(flipped.Length)] ^= (byte)random.Next(1, 256);
                }

                return flipped;
            case 2: // truncate
                return seed[..random.Next(seed.Length)];
            case 3: // splice two frames
                var other = corpus[random.Next(corpus.Count)];
                return [.. seed[..random.Next(seed.Length)], .. other[random.Next(other.Length)..]];
            case 4: // insert random bytes
                var at = random.Next(seed.Length);
                var insert = new byte[random.Next(1, 16)];
                random.NextBytes(insert);
                return [.. seed[..at], .. insert, .. seed[at..]];
            default: // overwrite a varint-heavy region with extreme values
                var overwritten = (byte[])seed.Clone();
                var start = random.Next(overwritten.Length);
                for (var k = start; k < Math.Min(overwritten.Length, start + 10); k++)
                {
                    overwritten[k] = 0xFF;
                }

                return overwritten;
        }
    }

    private static bool IsStructurallyValid(byte[] frame)
    {
        try
        {
            var message = GossipMessage.Parser.ParseFrom(Envelope.Parser.ParseFrom(frame).Payload);
            return message.ContentCase is not GossipMessage.ContentOneofCase.None and not GossipMessage.ContentOneofCase.ConnEstablish
                && RoutingTagRules.IsLegal(message.ContentCase, message.Tag);
        }
        catch (InvalidProtocolBufferException)
        {
            return false;
        }
    }
}

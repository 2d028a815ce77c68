using System.Text;
using K8sGossip.Gossip.Identity;
using K8sGossip.Gossip.Membership;
using K8sGossip.Gossip.Protos;
using K8sGossip.Gossip.Tests.Support;

namespace K8sGossip.Gossip.Tests.Membership;

/// <summary>
/// Three orgs: Org1 and Org2 share a channel; Org3 shares none with them. One Org1 peer has no external endpoint.
/// Every frame each node receives is inspected (raw bytes and decoded), not the senders' filters.
/// </summary>
public sealed class VisibilityTests
{
    private readonly GossipTestBed _bed = new(seed: 41);
    private readonly List<TestNode> _org1;
    private readonly List<TestNode> _org2;
    private readonly List<TestNode> _org3;
    private readonly TestNode _hidden;
    private readonly List<(TestNode To, byte[] Frame)> _received = [];

    public VisibilityTests()
    {
        _bed.Topology = StaticOrganizationTopology.FromChannels([["Org1MSP", "Org2MSP"], ["Org3MSP"]]);
        _org1 = [.. _bed.AddNodes("Org1MSP", 4)];
        _hidden = _bed.AddNode("Org1MSP", external: false);
        _org1.Add(_hidden);
        _org2 = [.. _bed.AddNodes("Org2MSP", 4)];
        _org3 = [.. _bed.AddNodes("Org3MSP", 3)];
        foreach (var org in new[] { _org1, _org2, _org3 })
        {
            _bed.BootstrapFrom(org[0]);
        }

        // Anchors come from channel configuration: Org1 and Org2 know each other's; Org3 is alone in its channel.
        _bed.ConfigureMembership = (node, options) =>
        {
            if (node.MspId != "Org3MSP")
            {
                options.AnchorPeers = [_org1[0].ExternalEndpoint!, _org2[0].ExternalEndpoint!];
            }
        };
        var byEndpoint = All.ToDictionary(n => n.Endpoint);
        _bed.Network.FrameDelivered += d => _received.Add((byEndpoint[d.To], d.Frame.ToArray()));
        foreach (var node in All)
        {
            node.StartMembership();
        }

        _bed.Time.RunUntil(ExpectedViews, TimeSpan.FromSeconds(60));
        _bed.Time.Advance(TimeSpan.FromSeconds(30)); // keep gossiping well past convergence
    }

    private IEnumerable<TestNode> All => _org1.Concat(_org2).Concat(_org3);

    private bool Sees(TestNode observer, TestNode peer) =>
        observer.View.Current.TryGet(peer.PkiId, out var member) && member.State == PeerLiveness.Alive;

    private bool ExpectedViews() =>
        _org1.All(a => _org1.All(b => a == b || Sees(a, b)))
        && _org2.All(a => _org2.All(b => a == b || Sees(a, b)))
        && _org3.All(a => _org3.All(b => a == b || Sees(a, b)))
        && _org1.Where(n => n != _hidden).All(a => _org2.All(b => Sees(a, b) && Sees(b, a)));

    private static bool Contains(byte[] haystack, ReadOnlySpan<byte> needle) => haystack.AsSpan().IndexOf(needle) >= 0;

    [Fact]
    public void Views_match_the_visibility_rules()
    {
        Assert.True(ExpectedViews(), GossipTestBed.DescribeViews(All));
        Assert.All(_org2, n => Assert.False(n.View.Current.TryGet(_hidden.PkiId, out _)));
        Assert.Empty(_hidden.View.Current.Members.Where(m => m.MspId != "Org1MSP"));
        Assert.All(_org3, n => Assert.All(n.View.Current.Members, m => Assert.Equal("Org3MSP", m.MspId)));
        Assert.All(_org1.Concat(_org2), n => Assert.DoesNotContain(n.View.Current.Members, m => m.MspId == "Org3MSP"));
        Assert.All(_org2, n => Assert.All(n.View.Current.Members.Where(m => m.MspId == "Org1MSP"), m => Assert.Null(m.InternalEndpoint)));
        Assert.All(_org1, n => Assert.All(n.View.Current.Members.Where(m => m.MspId == "Org1MSP"), m => Assert.NotNull(m.InternalEndpoint)));
    }

    [Fact]
    public void A_peer_without_an_external_endpoint_never_reaches_another_org_in_any_frame()
    {
        Assert.NotEmpty(_received);
        var hiddenId = _hidden.PkiId.ToArray();
        var hiddenCert = _hidden.Credentials.IdentityCertificate.RawData;
        foreach (var (to, frame) in _received.Where(r => r.To.MspId != "Org1MSP"))
        {
            Assert.False(Contains(frame, hiddenId), $"{to} received the PKI-ID of the hidden peer in {Describe(frame)}");
            Assert.False(Contains(frame, hiddenCert.AsSpan(hiddenCert.Length - 64)), $"{to} received the certificate of the hidden peer");
        }

        Assert.DoesNotContain(_received, r => r.To == _hidden && r.Frame.Length > 0 && FrameOrigins(r.Frame).Any(o => o != "Org1MSP"));
    }

    [Fact]
    public void Orgs_that_share_no_channel_learn_nothing_about_each_other()
    {
        var org3Ids = _org3.Select(n => n.PkiId.ToArray()).ToList();
        var otherIds = _org1.Concat(_org2).Select(n => n.PkiId.ToArray()).ToList();

        foreach (var (to, frame) in _received)
        {
            var forbidden = to.MspId == "Org3MSP" ? otherIds : org3Ids;
            Assert.DoesNotContain(forbidden, id => Contains(frame, id));
        }
    }

    [Fact]
    public void Internal_endpoints_never_leave_their_org()
    {
        foreach (var (to, frame) in _received)
        {
            foreach (var owner in All.Where(n => n.MspId != to.MspId))
            {
                Assert.False(Contains(frame, Encoding.UTF8.GetBytes(owner.Endpoint)), $"{to} received the internal endpoint of {owner}");
            }

            foreach (var envelope in Envelopes(frame).Where(e => e.SecretEnvelope is not null))
            {
                var message = GossipMessage.Parser.ParseFrom(envelope.Payload);
                Assert.Equal(to.MspId, message.Alive?.Membership?.MspId);
            }
        }

        Assert.Contains(_received, r => r.To.MspId == "Org1MSP" && Envelopes(r.Frame).Any(e => e.SecretEnvelope is not null));
    }

    private static string Describe(byte[] frame)
    {
        try
        {
            return GossipMessage.Parser.ParseFrom(Envelope.Parser.ParseFrom(frame).Payload).ToString();
        }
        catch (Google.Protobuf.InvalidProtocolBufferException)
        {
            return "an undecodable frame";
        }
    }

    /// <summary>The envelope of a frame and every envelope nested in it (membership requests and responses).</summary>
    private static IEnumerable<Envelope> Envelopes(byte[] frame)
    {
        var outer = Envelope.Parser.ParseFrom(frame);
        yield return outer;
        var message = GossipMessage.Parser.ParseFrom(outer.Payload);
        switch (message.ContentCase)
        {
            case GossipMessage.ContentOneofCase.MembershipRequest:
                yield return message.MembershipRequest.SelfInformation;
                break;
            case GossipMessage.ContentOneofCase.MembershipResponse:
                foreach (var e in message.MembershipResponse.Alive.Concat(message.MembershipResponse.Dead))
                {
                    yield return e;
                }

                break;
        }
    }

    /// <summary>The orgs of every alive message carried by a frame.</summary>
    private static IEnumerable<string> FrameOrigins(byte[] frame) =>
        Envelopes(frame).Select(e => GossipMessage.Parser.ParseFrom(e.Payload)).Where(m => m.Alive?.Membership is not null).Select(m => m.Alive.Membership.MspId);
}

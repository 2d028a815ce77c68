using Google.Protobuf;
using K8sGossip.Gossip.Channels;
using K8sGossip.Gossip.Comm;
using K8sGossip.Gossip.Identity;
using K8sGossip.Gossip.Node;
using K8sGossip.Gossip.Protos;
using K8sGossip.Gossip.Simulation;

namespace K8sGossip.Gossip.Tests.Channels;

public sealed class ChannelRejectionTests
{
    private const string Private = "org1-org2";
    private const string Shared = "everyone";

    private readonly SimulatedCluster _cluster;

    public ChannelRejectionTests()
    {
        _cluster = new SimulatedCluster(new SimulatedClusterOptions
        {
            Seed = 21,
            Organizations = [("Org1MSP", 4), ("Org2MSP", 2), ("Org3MSP", 2)],
            Channels = [ChannelConfig.Of(Private, "Org1MSP", "Org2MSP"), ChannelConfig.Of(Shared, "Org1MSP", "Org2MSP", "Org3MSP")],
        });
        _cluster.Start();
        Assert.True(_cluster.RunUntilChannelViewsComplete(Private, TimeSpan.FromSeconds(60)));
        Assert.True(_cluster.RunUntilChannelViewsComplete(Shared, TimeSpan.FromSeconds(60)));
    }

    private GossipNode Org1(int i) => _cluster.NodesOf("Org1MSP")[i];

    private static void SendRaw(GossipNode from, GossipNode to, Envelope envelope) =>
        from.Comm.Send(new RemotePeer(to.Identity.PkiId, to.Endpoint), envelope);

    private static Envelope SignedStateInfo(GossipNode signer, PkiId claimed, byte[] mac, ulong height)
    {
        var message = new GossipMessage
        {
            Tag = RoutingTag.ChanOrOrg,
            StateInfo = new StateInfo
            {
                Timestamp = new PeerTime { Incarnation = ulong.MaxValue, Sequence = 1 },
                PkiId = claimed.ToByteString(),
                ChannelMac = ByteString.CopyFrom(mac),
                Properties = new StateProperties { LedgerHeight = height },
            },
        };
        return SignedEnvelope.Create(message, SimulatedCluster.Peer(signer.Identity.MspId, IndexOf(signer)).CreateSigner());
    }

    private static int IndexOf(GossipNode node) => int.Parse(node.Endpoint.AsSpan(4, node.Endpoint.IndexOf('.', StringComparison.Ordinal) - 4), System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void State_info_signed_by_someone_else_than_the_peer_it_names_is_rejected_and_counted()
    {
        var (forger, victim, target) = (Org1(1), Org1(2), Org1(3));
        var before = victim.Counters.Get(RejectionReason.BadSignature);

        SendRaw(forger, victim, SignedStateInfo(forger, target.Identity.PkiId, ChannelMac.Compute(target.Identity.PkiId, Private), height: 999));
        _cluster.Time.Advance(TimeSpan.FromMilliseconds(50));

        Assert.Equal(before + 1, victim.Counters.Get(RejectionReason.BadSignature));
        Assert.True(victim.Channel(Private).View.TryGet(target.Identity.PkiId, out var member));
        Assert.NotEqual(999UL, member.LedgerHeight);
    }

    [Fact]
    public void State_info_whose_mac_names_no_joined_channel_is_rejected_and_counted()
    {
        var (sender, receiver) = (Org1(1), Org1(2));
        var before = receiver.Counters.Get(RejectionReason.WrongChannel);

        SendRaw(sender, receiver, SignedStateInfo(sender, sender.Identity.PkiId, ChannelMac.Compute(sender.Identity.PkiId, "unknown-channel"), height: 7));
        _cluster.Time.Advance(TimeSpan.FromMilliseconds(50));

        Assert.Equal(before + 1, receiver.Counters.Get(RejectionReason.WrongChannel));
    }

    [Fact]
    public void State_info_whose_mac_belongs_to_another_peer_is_rejected_and_counted()
    {
        var (sender, receiver, other) = (Org1(1), Org1(2), Org1(3));
        var before = receiver.Counters.Get(RejectionReason.WrongChannel);

        // A MAC copied from another peer's state does not prove the sender knows the channel.
        SendRaw(sender, receiver, SignedStateInfo(sender, sender.Identity.PkiId, ChannelMac.Compute(other.Identity.PkiId, Private), height: 7));
        _cluster.Time.Advance(TimeSpan.FromMilliseconds(50));

        Assert.Equal(before + 1, receiver.Counters.Get(RejectionReason.WrongChannel));
        Assert.NotEqual(7UL, receiver.Channel(Private).View.TryGet(sender.Identity.PkiId, out var m) ? m.LedgerHeight : 7UL);
    }

    [Fact]
    public void Data_for_a_channel_the_receiver_has_not_joined_is_rejected_and_counted()
    {
        var sender = Org1(1);
        var outsider = _cluster.NodesOf("Org3MSP")[0];
        var received = 0;
        outsider.DataDelivered += _ => received++;
        var before = outsider.Counters.Get(RejectionReason.WrongChannel);

        SendRaw(sender, outsider, sender.Channel(Private).CreateEnvelope(new GossipMessage { Data = new DataMessage { SeqNum = 1, Data = ByteString.CopyFrom(new byte[10]) } }));
        _cluster.Time.Advance(TimeSpan.FromMilliseconds(50));

        Assert.Equal(before + 1, outsider.Counters.Get(RejectionReason.WrongChannel));
        Assert.Equal(0, received);
    }

    [Fact]
    public void Data_from_a_peer_of_another_org_is_rejected_and_counted()
    {
        var foreign = _cluster.NodesOf("Org3MSP")[0];
        var receiver = Org1(2);
        var before = receiver.Counters.Get(RejectionReason.WrongChannel);

        SendRaw(foreign, receiver, foreign.Channel(Shared).CreateEnvelope(new GossipMessage { Data = new DataMessage { SeqNum = 1, Data = ByteString.CopyFrom(new byte[10]) } }));
        _cluster.Time.Advance(TimeSpan.FromMilliseconds(50));

        Assert.Equal(before + 1, receiver.Counters.Get(RejectionReason.WrongChannel));
        Assert.Equal(0, receiver.Dissemination(Shared).Stats.Delivered);
    }

    [Fact]
    public void Channel_send_refuses_peers_that_are_not_same_org_members()
    {
        var node = Org1(0);
        var envelope = node.Channel(Shared).CreateEnvelope(new GossipMessage { Prune = new Prune() });

        Assert.False(node.Channel(Shared).Send(_cluster.NodesOf("Org2MSP")[0].Identity.PkiId, envelope));
        Assert.False(node.Channel(Shared).Send(node.Identity.PkiId, envelope));
        Assert.True(node.Channel(Shared).Send(Org1(1).Identity.PkiId, envelope));
    }
}

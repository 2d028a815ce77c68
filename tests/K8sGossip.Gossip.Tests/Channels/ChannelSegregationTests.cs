using System.Text;
using K8sGossip.Gossip.Channels;
using K8sGossip.Gossip.Identity;
using K8sGossip.Gossip.Protos;
using K8sGossip.Gossip.Simulation;
using Content = K8sGossip.Gossip.Protos.GossipMessage.ContentOneofCase;

namespace K8sGossip.Gossip.Tests.Channels;

public sealed class ChannelSegregationTests
{
    private const string Private = "org1-org2";
    private const string Shared = "everyone";

    private static SimulatedCluster Cluster(int seed) => new(new SimulatedClusterOptions
    {
        Seed = seed,
        Organizations = [("Org1MSP", 4), ("Org2MSP", 3), ("Org3MSP", 3)],
        Channels = [ChannelConfig.Of(Private, "Org1MSP", "Org2MSP"), ChannelConfig.Of(Shared, "Org1MSP", "Org2MSP", "Org3MSP")],
    });

    [Fact]
    public void Peers_of_an_org_outside_a_channel_never_receive_a_byte_of_it()
    {
        var cluster = Cluster(seed: 11);
        var frames = new FrameRecorder(cluster.Network);
        cluster.Start();
        Assert.True(cluster.RunUntilChannelViewsComplete(Private, TimeSpan.FromSeconds(60)), Diagnose(cluster));
        Assert.True(cluster.RunUntilChannelViewsComplete(Shared, TimeSpan.FromSeconds(60)), Diagnose(cluster));

        var org1 = cluster.NodesOf("Org1MSP");
        var org2 = cluster.NodesOf("Org2MSP");
        org1[0].SetLeader(Private, true);
        org2[0].SetLeader(Private, true);
        for (ulong seq = 0; seq < 10; seq++)
        {
            org1[0].Publish(Private, seq, new byte[256]);
            org2[0].Publish(Private, seq, new byte[128]);
            cluster.Time.Advance(TimeSpan.FromMilliseconds(100));
        }

        cluster.Time.Advance(TimeSpan.FromSeconds(15)); // StateInfo pulls and pull rounds run several times

        var pkiByEndpoint = cluster.Nodes.ToDictionary(n => n.Endpoint, n => n.Identity.PkiId);
        foreach (var outsider in cluster.NodesOf("Org3MSP"))
        {
            var received = outsider.Endpoint is { } e ? frames.At(e).ToList() : [];
            Assert.Contains(received, r => r.Message.ContentCase == Content.StateInfo); // it does hear about its own channel
            foreach (var (from, message) in received)
            {
                Assert.False(MentionsPrivateChannel(message, pkiByEndpoint[from]), $"{outsider.Endpoint} received {message.ContentCase} of {Private} from {from}");
            }
        }

        // Blocks stay inside the organization that pulled them, even towards channel members of other orgs.
        var org1Endpoints = org1.Select(n => n.Endpoint).ToHashSet();
        foreach (var node in org2)
        {
            Assert.DoesNotContain(frames.At(node.Endpoint), r => r.Message.ContentCase == Content.Data && org1Endpoints.Contains(r.From));
        }

        Assert.Equal(0, frames.Undecodable);
    }

    [Fact]
    public void Channel_view_holds_exactly_the_other_peers_of_member_orgs()
    {
        var cluster = Cluster(seed: 12);
        cluster.Start();
        Assert.True(cluster.RunUntilChannelViewsComplete(Private, TimeSpan.FromSeconds(60)));

        foreach (var node in cluster.MembersOf(Private))
        {
            var expected = cluster.MembersOf(Private).Where(n => n != node).Select(n => n.Identity.PkiId).Order();
            Assert.Equal(expected, node.Channel(Private).View.Members.Select(m => m.PkiId).Order());
            Assert.DoesNotContain(node.Channel(Private).View.Members, m => m.MspId == "Org3MSP");
        }

        Assert.All(cluster.NodesOf("Org3MSP"), n => Assert.DoesNotContain(Private, n.ChannelNames));
    }

    [Fact]
    public void Height_leader_flag_and_departure_reach_every_member()
    {
        var cluster = Cluster(seed: 13);
        cluster.Start();
        Assert.True(cluster.RunUntilChannelViewsComplete(Shared, TimeSpan.FromSeconds(60)));
        var source = cluster.NodesOf("Org2MSP")[1];
        var others = cluster.MembersOf(Shared).Where(n => n != source).ToList();

        source.UpdateLedgerHeight(Shared, 42);
        source.SetLeader(Shared, true);
        Assert.True(cluster.Time.RunUntil(
            () => others.All(n => n.Channel(Shared).View.TryGet(source.Identity.PkiId, out var m) && m.LedgerHeight == 42 && m.IsLeader),
            TimeSpan.FromSeconds(5)));

        source.Channel(Shared).Leave();
        Assert.True(cluster.Time.RunUntil(
            () => others.All(n => !n.Channel(Shared).View.Contains(source.Identity.PkiId)),
            TimeSpan.FromSeconds(5)));
    }

    private static string Diagnose(SimulatedCluster cluster) => string.Join("; ", cluster.Nodes.Select(n =>
        $"{n.Endpoint}: members {n.Membership.Current.Members.Length}, " + string.Join(" ", n.ChannelNames.Select(c => $"{c} {n.Channel(c).View.Members.Length}")) + " " +
        string.Join(" ", n.Counters.Snapshot().Where(kv => kv.Key.StartsWith("rejected", StringComparison.Ordinal)).Select(kv => $"{kv.Key}={kv.Value}"))));

    private static bool MentionsPrivateChannel(GossipMessage message, PkiId sender)
    {
        if (Encoding.UTF8.GetString(message.Channel.Span) == Private)
        {
            return true;
        }

        return message.ContentCase switch
        {
            Content.StateInfo => IsPrivateStateInfo(message.StateInfo),
            Content.StateInfoPullRequest => ChannelMac.Matches(sender, Private, message.StateInfoPullRequest.ChannelMac.Span),
            Content.StateInfoSnapshot => message.StateInfoSnapshot.Elements.Any(e => IsPrivateStateInfo(GossipMessage.Parser.ParseFrom(e.Payload).StateInfo)),
            _ => false,
        };
    }

    private static bool IsPrivateStateInfo(StateInfo info) =>
        PkiId.TryFrom(info.PkiId.Span, out var origin) && ChannelMac.Matches(origin, Private, info.ChannelMac.Span);
}

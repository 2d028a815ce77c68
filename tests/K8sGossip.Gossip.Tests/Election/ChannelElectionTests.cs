using K8sGossip.Gossip.Channels;
using K8sGossip.Gossip.Election;
using K8sGossip.Gossip.Identity;
using K8sGossip.Gossip.Node;
using K8sGossip.Gossip.Protos;
using K8sGossip.Gossip.Simulation;

namespace K8sGossip.Gossip.Tests.Election;

/// <summary>Dynamic election carried by real gossip nodes (signed leadership messages over authenticated connections)
/// on the simulated network.</summary>
public sealed class ChannelElectionTests
{
    private const string Channel = "ch";
    private const string Org = "Org1MSP";

    private static (SimulatedCluster Cluster, Dictionary<GossipNode, ChannelElection> Elections) Start(int seed, int peers) =>
        Start(new SimulatedClusterOptions { Seed = seed, Organizations = [(Org, peers)], Channels = [ChannelConfig.Of(Channel, Org)] });

    private static (SimulatedCluster Cluster, Dictionary<GossipNode, ChannelElection> Elections) Start(SimulatedClusterOptions options)
    {
        var cluster = new SimulatedCluster(options);
        cluster.Start();
        Assert.True(cluster.RunUntilChannelViewsComplete(Channel, TimeSpan.FromSeconds(30)));

        var elections = cluster.Nodes.ToDictionary(
            n => n,
            n => new ChannelElection(n.Context, n.Channel(Channel), n.Identities, n.Counters, new ElectionOptions()));
        foreach (var election in elections.Values)
        {
            election.Start();
        }

        return (cluster, elections);
    }

    private static List<GossipNode> Leaders(Dictionary<GossipNode, ChannelElection> elections, IEnumerable<GossipNode>? among = null) =>
        [.. (among ?? elections.Keys).Where(n => elections[n].IsLeader)];

    [Fact]
    public void One_leader_is_elected_and_every_peer_sees_its_flag_in_the_channel_view()
    {
        var (cluster, elections) = Start(seed: 31, peers: 5);

        cluster.Time.Advance(TimeSpan.FromSeconds(10));

        var leader = Assert.Single(Leaders(elections));
        Assert.True(cluster.Time.RunUntil(
            () => cluster.Nodes.Where(n => n != leader).All(n => n.Channel(Channel).View.Members.Any(m => m.PkiId == leader.Identity.PkiId && m.IsLeader)),
            TimeSpan.FromSeconds(10)));
        Assert.All(cluster.Nodes, n => Assert.Equal(0, n.Counters.Get(K8sGossip.Gossip.Comm.RejectionReason.BadSignature)));
    }

    [Fact]
    public void A_partition_has_one_leader_per_side_and_after_healing_exactly_one()
    {
        var (cluster, elections) = Start(seed: 37, peers: 6);
        cluster.Time.Advance(TimeSpan.FromSeconds(10));
        Assert.Single(Leaders(elections));

        var sideA = cluster.Nodes.Take(3).ToList();
        var sideB = cluster.Nodes.Skip(3).ToList();
        cluster.Network.Partition(sideA.Select(n => n.Endpoint), sideB.Select(n => n.Endpoint));
        cluster.Time.Advance(TimeSpan.FromSeconds(15));

        Assert.Single(Leaders(elections, sideA));
        Assert.Single(Leaders(elections, sideB));

        cluster.Network.Heal();
        Assert.True(cluster.RunUntilChannelViewsComplete(Channel, TimeSpan.FromSeconds(60)));
        var merged = cluster.Time.Elapsed;
        Assert.True(cluster.Time.RunUntil(() => Leaders(elections).Count == 1, TimeSpan.FromSeconds(5)));
        Assert.True(cluster.Time.Elapsed - merged <= new ElectionOptions().DeclarationInterval + TimeSpan.FromMilliseconds(200));

        var most = 0;
        for (var i = 0; i < 300; i++)
        {
            cluster.Time.Advance(TimeSpan.FromMilliseconds(50));
            most = Math.Max(most, Leaders(elections).Count);
        }

        Assert.Equal(1, most);
    }

    [Fact]
    public void A_crashed_leader_is_replaced_by_a_live_peer()
    {
        var (cluster, elections) = Start(seed: 41, peers: 5);
        cluster.Time.Advance(TimeSpan.FromSeconds(10));
        var leader = Assert.Single(Leaders(elections));

        cluster.Crash(leader);
        elections[leader].Dispose();
        elections.Remove(leader);
        var crashed = cluster.Time.Elapsed;

        Assert.True(cluster.Time.RunUntil(() => Leaders(elections).Count == 1, TimeSpan.FromSeconds(10)));
        Assert.True(cluster.Time.Elapsed - crashed <= TimeSpan.FromSeconds(3), $"failover took {cluster.Time.Elapsed - crashed}");
    }

    [Fact]
    public void A_peer_alone_in_its_organization_leads_without_signing_declarations_no_one_would_receive()
    {
        const string other = "Org2MSP";
        var signers = new Dictionary<PkiId, LeadershipSignatureCounter>();
        var (cluster, elections) = Start(new SimulatedClusterOptions
        {
            Seed = 43,
            Organizations = [(Org, 2), (other, 1)],
            Channels = [ChannelConfig.Of(Channel, Org, other)],
            WrapSigner = signer => signers[signer.Identity.PkiId] = new LeadershipSignatureCounter(signer),
        });
        cluster.Time.Advance(TimeSpan.FromSeconds(10));
        var alone = Assert.Single(cluster.Nodes, n => n.Identity.MspId == other);
        var paired = Assert.Single(cluster.Nodes, n => n.Identity.MspId == Org && elections[n].IsLeader);
        Assert.True(elections[alone].IsLeader);
        var before = signers.ToDictionary(e => e.Key, e => e.Value.Count);

        cluster.Time.Advance(TimeSpan.FromSeconds(5));

        // The org with two peers hears its leader declare every declaration interval; the lone peer tells no one.
        var declarations = (int)(TimeSpan.FromSeconds(5) / new ElectionOptions().DeclarationInterval);
        Assert.InRange(signers[paired.Identity.PkiId].Count - before[paired.Identity.PkiId], declarations - 1, declarations + 1);
        Assert.Equal(0, signers[alone.Identity.PkiId].Count);
        Assert.True(elections[alone].IsLeader);
    }

    /// <summary>Passes signatures through to the real signer, counting those over leadership messages.</summary>
    private sealed class LeadershipSignatureCounter(ISigner inner) : ISigner
    {
        public int Count { get; private set; }

        public PeerIdentity Identity => inner.Identity;

        public byte[] Sign(ReadOnlySpan<byte> data)
        {
            try
            {
                if (GossipMessage.Parser.ParseFrom(data).ContentCase == GossipMessage.ContentOneofCase.Leadership)
                {
                    Count++;
                }
            }
            catch (Google.Protobuf.InvalidProtocolBufferException)
            {
                // Not a gossip message (a handshake signs other data).
            }

            return inner.Sign(data);
        }
    }
}

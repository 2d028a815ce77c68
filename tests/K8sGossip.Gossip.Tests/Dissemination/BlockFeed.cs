using K8sGossip.Gossip.Dissemination;
using K8sGossip.Gossip.Node;
using K8sGossip.Gossip.Simulation;

namespace K8sGossip.Gossip.Tests.Dissemination;

/// <summary>Publishes a run of blocks from one node of a cluster and records which node got which block.</summary>
internal sealed class BlockFeed
{
    private readonly SimulatedCluster _cluster;
    private readonly string _channel;
    private readonly Dictionary<GossipNode, HashSet<ulong>> _received = [];

    public BlockFeed(SimulatedCluster cluster, string channel = "ch1")
    {
        _cluster = cluster;
        _channel = channel;
        foreach (var node in cluster.MembersOf(channel))
        {
            var set = new HashSet<ulong>();
            _received[node] = set;
            node.DataDelivered += d =>
            {
                if (d.Channel == channel)
                {
                    set.Add(d.Seq);
                    Deliveries.Add(d);
                }
            };
        }
    }

    public List<DeliveredData> Deliveries { get; } = [];

    public List<ulong> Published { get; } = [];

    /// <summary>Schedules <paramref name="count"/> blocks of <paramref name="bytes"/> bytes from <paramref name="source"/>,
    /// one per <paramref name="interval"/>, starting at sequence <paramref name="firstSeq"/>.</summary>
    public void Schedule(GossipNode source, int count, int bytes, TimeSpan interval, ulong firstSeq = 0, Func<ulong, string?>? traceParent = null)
    {
        var random = new Random(17);
        for (var i = 0; i < count; i++)
        {
            var seq = firstSeq + (ulong)i;
            var data = new byte[bytes];
            random.NextBytes(data);
            Published.Add(seq);
            _received[source].Add(seq);
            _cluster.Time.Schedule(interval * i, () => source.Publish(_channel, seq, data, traceParent?.Invoke(seq)));
        }
    }

    /// <summary>Whether every running member holds every published block.</summary>
    public bool AllDelivered(IEnumerable<GossipNode>? nodes = null) =>
        (nodes ?? _received.Keys).All(n => Published.All(_received[n].Contains));

    /// <summary>The share of (block, peer) pairs delivered.</summary>
    public double DeliveredShare(IEnumerable<GossipNode> nodes)
    {
        var list = nodes.ToList();
        var have = list.Sum(n => Published.Count(_received[n].Contains));
        return (double)have / (list.Count * Published.Count);
    }

    public bool Has(GossipNode node, ulong seq) => _received[node].Contains(seq);

    /// <summary>Data copies each of <paramref name="receivers"/> received per published block, on average.</summary>
    public double CopiesPerPeerPerBlock(IReadOnlyCollection<GossipNode> receivers) =>
        (double)receivers.Sum(n => n.Dissemination(_channel).Stats.CopiesReceived) / (receivers.Count * Published.Count);
}

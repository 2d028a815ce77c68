using System.Diagnostics;
using K8sGossip.Gossip.Dissemination;
using K8sGossip.Gossip.Node;
using K8sGossip.Gossip.Telemetry;
using K8sGossip.Gossip.Tests.Dissemination;

namespace K8sGossip.Gossip.Tests.Telemetry;

[Collection(TelemetryCollection.Name)]
public sealed class GossipTraceTests
{
    private const string Channel = "ch1";

    // The orderer's cut span, as the leader would publish it.
    private static readonly ActivityContext Cut = new(
        ActivityTraceId.CreateFromString("4bf92f3577b34da6a3ce929d0e0e4736"),
        ActivitySpanId.CreateFromString("00f067aa0ba902b7"),
        ActivityTraceFlags.Recorded);

    [Fact]
    public void Every_gossip_hop_is_a_child_span_of_the_span_of_the_peer_the_block_came_from()
    {
        using var spans = new SpanRecorder();
        var cluster = PushTests.Cluster(n: 12, seed: 21);
        var source = cluster.Nodes[0];
        var received = new Dictionary<GossipNode, (Activity Span, DeliveredData Data)>();
        foreach (var node in cluster.Nodes)
        {
            node.DataDelivered += d => received[node] = (Activity.Current!, d);
        }

        source.Publish(Channel, 0, new byte[512], BlockTracing.ToTraceParent(Cut));
        Assert.True(cluster.Time.RunUntil(() => received.Count == cluster.Nodes.Count - 1, TimeSpan.FromSeconds(30)), $"{received.Count} peers received the block");

        var byPki = cluster.Nodes.ToDictionary(n => n.Identity.PkiId);
        foreach (var (node, (span, data)) in received)
        {
            Assert.Equal(SpanNames.GossipReceive, span.OperationName);
            Assert.Equal(Cut.TraceId, span.TraceId);
            Assert.True(span.IsStopped, "the receive span ends with the work that received the block");
            var sender = byPki[data.From!.Value];
            var expectedParent = sender == source ? Cut.SpanId : received[sender].Span.SpanId;
            Assert.Equal(expectedParent, span.ParentSpanId);
            var senderHops = sender == source ? 0L : (long)received[sender].Span.GetTagItem(SpanAttributes.Hops)!;
            Assert.Equal(senderHops + 1, span.GetTagItem(SpanAttributes.Hops));
            Assert.Equal(Channel, span.GetTagItem(SpanAttributes.Channel));
            Assert.Equal(0L, span.GetTagItem(SpanAttributes.BlockNumber));
            Assert.Equal(span.Id, data.TraceParent);
        }

        Assert.Contains(received.Values, r => r.Span.ParentSpanId != Cut.SpanId);
        Assert.Equal(cluster.Nodes.Count - 1, spans.Of(Cut.TraceId).Count(a => a.OperationName == SpanNames.GossipReceive));
        Assert.Null(Activity.Current);
    }

    [Fact]
    public void Without_a_listener_every_peer_gets_the_trace_context_the_block_was_published_with()
    {
        var cluster = PushTests.Cluster(n: 8, seed: 22);
        var feed = new BlockFeed(cluster);
        var traceParent = BlockTracing.ToTraceParent(Cut);
        feed.Schedule(cluster.Nodes[0], count: 3, bytes: 128, TimeSpan.FromMilliseconds(20), traceParent: _ => traceParent);

        Assert.True(cluster.Time.RunUntil(() => feed.AllDelivered(), TimeSpan.FromSeconds(30)));

        Assert.False(BlockTracing.Enabled);
        Assert.All(feed.Deliveries, d => Assert.Equal(traceParent, d.TraceParent));
    }

    [Fact]
    public void Copies_received_are_counted_by_channel_with_duplicates_apart()
    {
        using var metrics = new MetricRecorder();
        var cluster = PushTests.Cluster(n: 10, seed: 23);
        var feed = new BlockFeed(cluster);
        feed.Schedule(cluster.Nodes[0], count: 20, bytes: 128, TimeSpan.FromMilliseconds(20));

        Assert.True(cluster.Time.RunUntil(() => feed.AllDelivered(), TimeSpan.FromSeconds(30)));
        cluster.Time.Advance(TimeSpan.FromSeconds(1));

        var stats = cluster.Nodes.Select(n => n.Dissemination(Channel).Stats).ToList();
        var first = metrics.Values(MetricNames.CopiesReceived, Channel, ("duplicate", false)).Sum();
        var duplicates = metrics.Values(MetricNames.CopiesReceived, Channel, ("duplicate", true)).Sum();
        Assert.Equal(9 * 20, first);
        Assert.Equal(stats.Sum(s => s.Duplicates), duplicates);
        Assert.Equal(stats.Sum(s => s.CopiesReceived), first + duplicates);
        Assert.Equal(stats.Sum(s => s.DeliveredByPush), metrics.Values(MetricNames.CopiesReceived, Channel, ("duplicate", false), ("source", "push")).Sum());
    }
}

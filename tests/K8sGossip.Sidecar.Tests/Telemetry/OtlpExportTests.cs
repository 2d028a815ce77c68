using K8sGossip.Gossip.Telemetry;
using K8sGossip.Sidecar.Tests.EndToEnd;
using K8sGossip.Sidecar.Tests.Network;
using K8sGossip.Sidecar.Tests.Telemetry.Otlp;
using Xunit.Abstractions;

namespace K8sGossip.Sidecar.Tests.Telemetry;

/// <summary>Real sidecar processes (an orderer and four peers of two organizations in gossip mode) export over
/// OTLP/HTTP protobuf to a receiver on 127.0.0.1.</summary>
[Collection(SidecarProcessCollection.Name)]
public sealed class OtlpExportTests(ITestOutputHelper output)
{
    private const int Blocks = 6;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Each_block_is_one_trace_from_the_orderers_cut_through_every_hop_and_the_metrics_arrive()
    {
        await using var receiver = await OtlpReceiver.StartAsync();
        await using var network = new TestNetwork("gossip");
        network.Environment["OTEL_EXPORTER_OTLP_ENDPOINT"] = receiver.Endpoint;
        network.Environment["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf";
        network.Environment["OTEL_BSP_SCHEDULE_DELAY"] = "200";
        network.Environment["OTEL_METRIC_EXPORT_INTERVAL"] = "500";
        network.Start();
        await network.EventuallyAsync(
            async () =>
            {
                var statuses = await network.StatusesAsync(network.Peers, CancellationToken.None);
                return statuses.Count == network.Peers.Count
                    && statuses.GroupBy(s => s.Key.MspId).All(g => g.Count(s => s.Value.Channels.Single().Leader) == 1);
            },
            Timeout,
            "every peer's local API and one leader per organization");

        using (var cts = new CancellationTokenSource(Timeout))
        {
            await network.SubmitAsync(Blocks, cts.Token);
        }

        await network.EventuallyAsync(
            async () => (await network.StatusesAsync(network.Peers, CancellationToken.None)).Values.All(s => s.Channels.Single().Height >= Blocks),
            Timeout,
            $"every peer to commit {Blocks} blocks");

        // The last block travelled the steady-state path; wait until every node's spans of it are exported.
        const long number = Blocks - 1;
        List<ReceivedSpan> trace = [];
        await network.EventuallyAsync(
            () =>
            {
                trace = TraceOf(receiver.Spans, number);
                return Task.FromResult(network.Peers.All(p => trace.Any(s => s.Service == p.Name && s.Name == SpanNames.Commit)));
            },
            Timeout,
            $"the spans of block {number} from the orderer and every peer");
        output.WriteLine(Tree(trace));

        var root = Assert.Single(trace, s => s.IsRoot);
        Assert.Equal((SpanNames.Cut, network.Orderer.Name), (root.Name, root.Service));
        Assert.Equal("orderer", root.Resource["k8sgossip.role"]);
        var ids = trace.ToDictionary(s => s.SpanId);
        Assert.All(trace.Where(s => !s.IsRoot), s => Assert.True(ids.ContainsKey(s.ParentSpanId), $"{s.Name} of {s.Service} names a parent outside the trace"));
        Assert.All(trace, s => Assert.Equal(number, s.Attributes[SpanAttributes.BlockNumber]));
        Assert.All(trace, s => Assert.Equal(TestNetwork.Channel, s.Attributes[SpanAttributes.Channel]));
        Assert.True(trace.Select(s => s.Service).Where(n => n != network.Orderer.Name).Distinct().Count() >= 3, "spans from at least three peers");

        // Leaders take the block from the orderer; everyone else gets it by gossip, as a child of the sender's span.
        var delivers = trace.Where(s => s.Name == SpanNames.Deliver).ToList();
        Assert.Equal(["Org1MSP", "Org2MSP"], delivers.Select(d => network.Peers.Single(p => p.Name == d.Service).MspId).Distinct().Order());
        Assert.All(delivers, d => Assert.Equal(root.SpanId, d.ParentSpanId));
        var receives = trace.Where(s => s.Name == SpanNames.GossipReceive).ToList();
        Assert.NotEmpty(receives);
        Assert.All(receives, r =>
        {
            var parent = ids[r.ParentSpanId];
            Assert.Contains(parent.Name, new[] { SpanNames.Deliver, SpanNames.GossipReceive });
            Assert.NotEqual(r.Service, parent.Service);
            Assert.Equal(network.Peers.Single(p => p.Name == r.Service).MspId, network.Peers.Single(p => p.Name == parent.Service).MspId);
        });
        Assert.All(trace.Where(s => s.Name == SpanNames.Commit), c =>
        {
            var parent = ids[c.ParentSpanId];
            Assert.Equal(c.Service, parent.Service);
            Assert.Contains(parent.Name, new[] { SpanNames.Deliver, SpanNames.GossipReceive });
        });

        // Metrics: every peer reports its commits and their latency from the cut.
        await network.EventuallyAsync(
            () => Task.FromResult(network.Peers.All(p => Committed(receiver, p.Name) >= Blocks && LatencyCount(receiver, p.Name) >= Blocks)),
            Timeout,
            "every peer's committed-blocks and latency metrics");
        foreach (var peer in network.Peers)
        {
            var latency = Latest(receiver, peer.Name, MetricNames.DisseminationLatency)!.Histogram.DataPoints.Single(p => Channel(p.Attributes) == TestNetwork.Channel);
            Assert.Equal("ms", Latest(receiver, peer.Name, MetricNames.DisseminationLatency)!.Unit);
            Assert.InRange(latency.Min, 0, 30_000);
            Assert.InRange(latency.Max, latency.Min, 30_000);
            Assert.InRange(latency.Sum / latency.Count, latency.Min, latency.Max);
        }

        Assert.Contains(receiver.Metrics, m => m.Metric.Name == MetricNames.BlocksCut && m.Service == network.Orderer.Name);
        Assert.Contains(receiver.Metrics, m => m.Metric.Name == MetricNames.Members && m.Service == network.Peers[0].Name);
        Assert.Contains(receiver.Metrics, m => m.Metric.Name == MetricNames.BytesSent && m.Service == network.Peers[0].Name);
        Assert.All(network.Peers, p => Assert.Contains(receiver.Metrics, m => m.Metric.Name == MetricNames.HeightLag && m.Service == p.Name));
        Assert.Contains(receiver.Metrics, m => m.Metric.Name == MetricNames.LeaderChanges && m.Service.StartsWith("peer", StringComparison.Ordinal));
        Assert.Equal(0, receiver.Refused);
    }

    /// <summary>The spans of the trace whose root cut block <paramref name="number"/>.</summary>
    private static List<ReceivedSpan> TraceOf(IReadOnlyList<ReceivedSpan> spans, long number)
    {
        var cut = spans.FirstOrDefault(s => s.Name == SpanNames.Cut && Equals(s.Attributes.GetValueOrDefault(SpanAttributes.BlockNumber), number));
        return cut is null ? [] : [.. spans.Where(s => s.TraceId == cut.TraceId)];
    }

    private static Metric? Latest(OtlpReceiver receiver, string service, string name) =>
        receiver.Metrics.LastOrDefault(m => m.Service == service && m.Metric.Name == name)?.Metric;

    private static long Committed(OtlpReceiver receiver, string service) =>
        Latest(receiver, service, MetricNames.BlocksCommitted)?.Sum.DataPoints.Where(p => Channel(p.Attributes) == TestNetwork.Channel).Sum(p => p.AsInt) ?? 0;

    private static ulong LatencyCount(OtlpReceiver receiver, string service) =>
        Latest(receiver, service, MetricNames.DisseminationLatency)?.Histogram.DataPoints.Where(p => Channel(p.Attributes) == TestNetwork.Channel).Aggregate(0UL, (sum, p) => sum + p.Count) ?? 0;

    private static string? Channel(IEnumerable<KeyValue> attributes) => OtlpReceiver.Attributes(attributes).GetValueOrDefault("channel") as string;

    private static string Tree(List<ReceivedSpan> trace)
    {
        var lines = new List<string>();
        void Walk(ReceivedSpan span, int depth)
        {
            var source = span.Attributes.GetValueOrDefault(SpanAttributes.Source);
            var hops = span.Attributes.GetValueOrDefault(SpanAttributes.Hops);
            lines.Add($"{new string(' ', depth * 2)}{span.Name} [{span.Service}]{(source is null ? string.Empty : $" source={source}")}{(hops is null ? string.Empty : $" hops={hops}")}");
            foreach (var child in trace.Where(s => s.ParentSpanId == span.SpanId))
            {
                Walk(child, depth + 1);
            }
        }

        foreach (var root in trace.Where(s => s.IsRoot))
        {
            Walk(root, 0);
        }

        return string.Join('\n', lines);
    }
}

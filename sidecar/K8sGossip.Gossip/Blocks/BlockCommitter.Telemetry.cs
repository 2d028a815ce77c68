using System.Diagnostics;
using K8sGossip.Gossip.Telemetry;

namespace K8sGossip.Gossip.Blocks;

/// <summary>What the committer reports of each commit: the blocks-committed counter, the dissemination latency and
/// the commit span, a child of the span the block arrived under.</summary>
public sealed partial class BlockCommitter
{
    // The span each waiting block arrived under (only while spans are recorded); touched by the commit loop only.
    private readonly Dictionary<ulong, ActivityContext> _arrivals = [];

    /// <summary>Counts the commit, records the block's dissemination latency and its commit span (a child of the span
    /// it arrived under, else of the orderer's). Returns the arrival span's context.</summary>
    private ActivityContext Observe(EncodedBlock block, DateTimeOffset started, DateTimeOffset now)
    {
        var metadata = block.Block.Metadata;
        GossipMetrics.BlockCommitted(Channel, metadata.TimestampUnixMs, now);
        if (!_arrivals.Remove(block.Number, out var arrival) && !BlockTracing.Enabled)
        {
            return default;
        }

        var parent = arrival != default ? arrival : BlockTracing.Parse(metadata.Traceparent);
        using var span = BlockTracing.StartChild(SpanNames.Commit, ActivityKind.Internal, parent, Channel, block.Number, started);
        if (span is not null)
        {
            span.SetTag(SpanAttributes.Bytes, (long)block.Size);
            if (metadata.TimestampUnixMs > 0)
            {
                span.SetTag(SpanAttributes.LatencyMs, GossipMetrics.LatencyMs(metadata.TimestampUnixMs, now));
            }

            span.SetEndTime(now.UtcDateTime);
        }

        return arrival;
    }

    /// <summary>Drops arrivals of blocks that will never be committed from this buffer (committed meanwhile by another
    /// path, or evicted).</summary>
    private void ForgetArrivalsBelow(ulong height)
    {
        if (_arrivals.Count == 0)
        {
            return;
        }

        foreach (var seq in _arrivals.Keys.Where(k => k < height).ToList())
        {
            _arrivals.Remove(seq);
        }
    }
}

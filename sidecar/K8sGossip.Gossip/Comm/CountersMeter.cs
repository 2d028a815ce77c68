using System.Diagnostics.Metrics;
using K8sGossip.Gossip.Telemetry;

namespace K8sGossip.Gossip.Comm;

/// <summary>
/// Reports a node's <see cref="NodeCounters"/> through a <see cref="Meter"/> named <c>K8sGossip</c>: rejections as
/// <c>k8sgossip.rejections</c> tagged by reason, bytes handed to connections as <c>k8sgossip.bytes.sent</c>, messages
/// dropped before sending as <c>k8sgossip.queue.drops</c> tagged by reason, and every other counter as
/// <c>k8sgossip.events</c> tagged by its name (all low-cardinality: a fixed set of names, no peer or channel ids).
/// </summary>
public sealed class CountersMeter : IDisposable
{
    /// <summary>The meter name exporters subscribe to.</summary>
    public const string MeterName = GossipTelemetry.Name;

    /// <summary>The counter that sums the bytes of frames handed to connections.</summary>
    public const string BytesSentCounter = "comm.bytes.sent";

    /// <summary>Prefix of the counters of messages dropped before sending, by reason.</summary>
    public const string DropPrefix = "comm.send.dropped.";

    private readonly Meter _meter;

    /// <summary>Starts reporting <paramref name="counters"/>.</summary>
    public CountersMeter(NodeCounters counters)
    {
        ArgumentNullException.ThrowIfNull(counters);
        _meter = new Meter(MeterName);
        _meter.CreateObservableCounter(MetricNames.Rejections, () => Measure(counters, rejections: true), unit: "{message}",
            description: "Messages, frames and connections refused, by reason.");
        _meter.CreateObservableCounter(MetricNames.Events, () => Measure(counters, rejections: false), unit: "{event}",
            description: "Protocol events counted by the engine, by name.");
        _meter.CreateObservableCounter(
            MetricNames.BytesSent,
            () => new Measurement<long>(counters.Get(BytesSentCounter), new KeyValuePair<string, object?>("stream", "gossip")),
            unit: "By",
            description: "Bytes handed to connections, by stream (gossip: the peer-to-peer gossip stream).");
        _meter.CreateObservableCounter(MetricNames.QueueDrops, () => MeasureDrops(counters), unit: "{message}",
            description: "Gossip messages dropped before sending, by reason (queue_full: a connection's send queue was full).");
    }

    private static IEnumerable<Measurement<long>> Measure(NodeCounters counters, bool rejections)
    {
        foreach (var (name, value) in counters.Snapshot())
        {
            var isRejection = name.StartsWith(NodeCounters.RejectionPrefix, StringComparison.Ordinal);
            if (isRejection == rejections)
            {
                yield return rejections
                    ? new Measurement<long>(value, new KeyValuePair<string, object?>("reason", name[NodeCounters.RejectionPrefix.Length..]))
                    : new Measurement<long>(value, new KeyValuePair<string, object?>("name", name));
            }
        }
    }

    private static IEnumerable<Measurement<long>> MeasureDrops(NodeCounters counters)
    {
        foreach (var (name, value) in counters.Snapshot())
        {
            if (name.StartsWith(DropPrefix, StringComparison.Ordinal))
            {
                yield return new Measurement<long>(value, new KeyValuePair<string, object?>("reason", name[DropPrefix.Length..]));
            }
        }
    }

    /// <inheritdoc />
    public void Dispose() => _meter.Dispose();
}

using System.Diagnostics.Metrics;

namespace K8sGossip.Gossip.Comm;

/// <summary>
/// Reports a node's <see cref="NodeCounters"/> through a <see cref="Meter"/> named <c>K8sGossip</c>: rejections as
/// <c>k8sgossip.rejections</c> tagged by reason, every other counter as <c>k8sgossip.events</c> tagged by its name
/// (both low-cardinality: a fixed set of names, no peer or channel ids).
/// </summary>
public sealed class CountersMeter : IDisposable
{
    /// <summary>The meter name exporters subscribe to.</summary>
    public const string MeterName = "K8sGossip";

    private readonly Meter _meter;

    /// <summary>Starts reporting <paramref name="counters"/>.</summary>
    public CountersMeter(NodeCounters counters)
    {
        ArgumentNullException.ThrowIfNull(counters);
        _meter = new Meter(MeterName);
        _meter.CreateObservableCounter("k8sgossip.rejections", () => Measure(counters, rejections: true), unit: "{message}",
            description: "Messages, frames and connections refused, by reason.");
        _meter.CreateObservableCounter("k8sgossip.events", () => Measure(counters, rejections: false), unit: "{event}",
            description: "Protocol events counted by the engine, by name.");
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

    /// <inheritdoc />
    public void Dispose() => _meter.Dispose();
}

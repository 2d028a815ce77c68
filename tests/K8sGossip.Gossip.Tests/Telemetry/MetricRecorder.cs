using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using K8sGossip.Gossip.Telemetry;

namespace K8sGossip.Gossip.Tests.Telemetry;

/// <summary>Records the measurements of the <c>K8sGossip</c> meter's instruments while it lives.</summary>
internal sealed class MetricRecorder : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentQueue<Recorded> _recorded = new();

    public MetricRecorder()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == GossipTelemetry.Name)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Add(instrument, value, tags));
        _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Add(instrument, value, tags));
        _listener.Start();
    }

    /// <summary>Values recorded by instrument <paramref name="name"/> with tag channel = <paramref name="channel"/> and
    /// every tag of <paramref name="tags"/>.</summary>
    public List<double> Values(string name, string channel, params (string Key, object Value)[] tags) =>
        [.. _recorded.Where(r => r.Instrument == name
                && Equals(r.Tags.GetValueOrDefault("channel"), channel)
                && tags.All(t => Equals(r.Tags.GetValueOrDefault(t.Key), t.Value)))
            .Select(r => r.Value)];

    /// <summary>Asks observable instruments for their current values.</summary>
    public void Collect() => _listener.RecordObservableInstruments();

    public void Dispose() => _listener.Dispose();

    private void Add(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var map = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var tag in tags)
        {
            map[tag.Key] = tag.Value;
        }

        _recorded.Enqueue(new Recorded(instrument.Name, value, map));
    }

    private sealed record Recorded(string Instrument, double Value, Dictionary<string, object?> Tags);
}

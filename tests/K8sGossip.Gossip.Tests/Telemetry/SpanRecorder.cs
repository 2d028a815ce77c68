using System.Collections.Concurrent;
using System.Diagnostics;
using K8sGossip.Gossip.Telemetry;

namespace K8sGossip.Gossip.Tests.Telemetry;

/// <summary>Records every span of the <c>K8sGossip</c> source that stops while it lives.</summary>
internal sealed class SpanRecorder : IDisposable
{
    private readonly ActivityListener _listener;
    private readonly ConcurrentQueue<Activity> _stopped = new();

    public SpanRecorder()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == GossipTelemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = _stopped.Enqueue,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    /// <summary>The stopped spans of <paramref name="trace"/>.</summary>
    public List<Activity> Of(ActivityTraceId trace) => [.. _stopped.Where(a => a.TraceId == trace)];

    public void Dispose() => _listener.Dispose();
}

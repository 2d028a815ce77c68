using System.Diagnostics;
using System.Globalization;

namespace K8sGossip.Gossip.Telemetry;

/// <summary>
/// Starts the spans of a block's journey as children of the context the block arrived with, and turns span contexts
/// into the W3C <c>traceparent</c> that rides on to the next hop. Nothing is created when nobody listens, when the
/// parent context is missing or invalid, or when the sampler drops the span; callers then pass the incoming context
/// on unchanged, so a node without tracing does not break the chain of the others.
/// </summary>
public static class BlockTracing
{
    /// <summary>Whether anyone records the engine's spans.</summary>
    public static bool Enabled => GossipTelemetry.Source.HasListeners();

    /// <summary>Starts span <paramref name="name"/> for block <paramref name="number"/> of <paramref name="channel"/> as a
    /// child of the W3C <paramref name="traceParent"/>; it becomes <see cref="Activity.Current"/> until disposed.</summary>
    public static Activity? StartChild(string name, ActivityKind kind, string? traceParent, string? traceState, string channel, ulong number)
    {
        if (!Enabled || string.IsNullOrEmpty(traceParent) || !ActivityContext.TryParse(traceParent, traceState, isRemote: true, out var parent))
        {
            return null;
        }

        return StartChild(name, kind, parent, channel, number);
    }

    /// <summary>Starts span <paramref name="name"/> as a child of <paramref name="parent"/>; null when nobody listens or the
    /// parent is not a valid context.</summary>
    public static Activity? StartChild(string name, ActivityKind kind, ActivityContext parent, string channel, ulong number, DateTimeOffset startTime = default)
    {
        if (!Enabled || parent == default)
        {
            return null;
        }

        var activity = GossipTelemetry.Source.StartActivity(name, kind, parent, startTime: startTime);
        activity?.SetTag(SpanAttributes.Channel, channel);
        activity?.SetTag(SpanAttributes.BlockNumber, (long)number);
        return activity;
    }

    /// <summary>The context of <see cref="Activity.Current"/> when spans are recorded; default otherwise.</summary>
    public static ActivityContext CurrentContext() => Enabled && Activity.Current is { } current ? current.Context : default;

    /// <summary>The W3C <c>traceparent</c> of <paramref name="context"/>; null for the default context.</summary>
    public static string? ToTraceParent(ActivityContext context) =>
        context == default
            ? null
            : string.Create(
                CultureInfo.InvariantCulture,
                $"00-{context.TraceId.ToHexString()}-{context.SpanId.ToHexString()}-{((context.TraceFlags & ActivityTraceFlags.Recorded) != 0 ? "01" : "00")}");

    /// <summary>Parses a W3C <c>traceparent</c>; default when it is missing or invalid.</summary>
    public static ActivityContext Parse(string? traceParent) =>
        !string.IsNullOrEmpty(traceParent) && ActivityContext.TryParse(traceParent, null, isRemote: true, out var context) ? context : default;
}

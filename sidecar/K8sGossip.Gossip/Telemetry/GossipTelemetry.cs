using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace K8sGossip.Gossip.Telemetry;

/// <summary>
/// The engine's <see cref="ActivitySource"/> and <see cref="Meter"/>, both named <c>K8sGossip</c>: exporters subscribe
/// to that name. Spans cost nothing while nobody listens (no activity is created), and instruments nothing while no
/// meter listener is enabled.
/// </summary>
public static class GossipTelemetry
{
    /// <summary>The name of the activity source and of the meter.</summary>
    public const string Name = "K8sGossip";

    /// <summary>Every span of a block's journey.</summary>
    public static ActivitySource Source { get; } = new(Name);

    /// <summary>Every metric of the engine and the sidecar.</summary>
    public static Meter Meter { get; } = new(Name);
}

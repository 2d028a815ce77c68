namespace K8sGossip.Gossip.Simulation;

/// <summary>Traffic of one simulated endpoint (all its instances): frames and bytes sent, received and lost on the way.</summary>
public sealed record NodeNetworkStats(long FramesSent, long BytesSent, long FramesReceived, long BytesReceived, long FramesLost)
{
    /// <summary>No traffic.</summary>
    public static NodeNetworkStats Zero { get; } = new(0, 0, 0, 0, 0);
}

/// <summary>One frame delivered by the simulated network, for traces and tests that inspect what a node received.</summary>
/// <param name="At">Virtual time of delivery.</param>
/// <param name="From">Sender's endpoint.</param>
/// <param name="To">Receiver's endpoint.</param>
/// <param name="ConnectionId">The receiving side's connection id.</param>
/// <param name="Frame">A copy of the bytes (safe to keep).</param>
public readonly record struct FrameDelivery(TimeSpan At, string From, string To, long ConnectionId, ReadOnlyMemory<byte> Frame);

/// <summary>Mutable per-endpoint counters behind <see cref="NodeNetworkStats"/>.</summary>
internal sealed class EndpointTraffic
{
    public long FramesSent;
    public long BytesSent;
    public long FramesReceived;
    public long BytesReceived;
    public long FramesLost;

    public NodeNetworkStats ToStats() => new(FramesSent, BytesSent, FramesReceived, BytesReceived, FramesLost);
}

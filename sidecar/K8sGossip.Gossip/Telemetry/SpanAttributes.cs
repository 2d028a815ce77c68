namespace K8sGossip.Gossip.Telemetry;

/// <summary>The attribute (and metric tag) names the engine and the sidecar set.</summary>
public static class SpanAttributes
{
    /// <summary>The channel name.</summary>
    public const string Channel = "k8sgossip.channel";

    /// <summary>The block number.</summary>
    public const string BlockNumber = "k8sgossip.block.number";

    /// <summary>Where the block came from: <c>orderer</c>, <c>peer</c>, <c>push</c>, <c>graft</c>, <c>pull</c>, <c>local</c>.</summary>
    public const string Source = "k8sgossip.block.source";

    /// <summary>Peer-to-peer hops the block travelled to reach this node.</summary>
    public const string Hops = "k8sgossip.block.hops";

    /// <summary>Size of the block in bytes.</summary>
    public const string Bytes = "k8sgossip.block.bytes";

    /// <summary>Milliseconds from the block's cut to this commit.</summary>
    public const string LatencyMs = "k8sgossip.block.latency_ms";
}

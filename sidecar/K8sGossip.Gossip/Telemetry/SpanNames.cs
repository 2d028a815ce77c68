namespace K8sGossip.Gossip.Telemetry;

/// <summary>The names of the spans of a block's journey: few and fixed, so backends can group by them.</summary>
public static class SpanNames
{
    /// <summary>The ordering service cut and signed the block: the root of the block's trace.</summary>
    public const string Cut = "block.cut";

    /// <summary>A peer received the block over Deliver, from the orderer or from a peer it catches up from.</summary>
    public const string Deliver = "block.deliver";

    /// <summary>A peer received the block by gossip (push, graft or pull) and forwarded it.</summary>
    public const string GossipReceive = "block.gossip.receive";

    /// <summary>A peer made the block durable in its ledger.</summary>
    public const string Commit = "block.commit";
}

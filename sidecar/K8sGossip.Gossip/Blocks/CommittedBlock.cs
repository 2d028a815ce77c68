using System.Diagnostics;

namespace K8sGossip.Gossip.Blocks;

/// <summary>A block that is durable in the store, announced to observers in chain order exactly once.</summary>
public sealed record CommittedBlock(EncodedBlock Block, ulong CommittedHeight)
{
    /// <summary>The block number.</summary>
    public ulong Number => Block.Number;

    /// <summary>The span this node received the block under (Deliver or gossip), when spans are recorded; default
    /// otherwise. Whoever passes the block on continues the trace from it.</summary>
    public ActivityContext Trace { get; init; }
}

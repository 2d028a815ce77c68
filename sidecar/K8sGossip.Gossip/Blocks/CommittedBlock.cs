namespace K8sGossip.Gossip.Blocks;

/// <summary>A block that is durable in the store, announced to observers in chain order exactly once.</summary>
public sealed record CommittedBlock(EncodedBlock Block, ulong CommittedHeight)
{
    /// <summary>The block number.</summary>
    public ulong Number => Block.Number;
}

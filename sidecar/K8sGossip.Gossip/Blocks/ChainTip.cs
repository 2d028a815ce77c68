namespace K8sGossip.Gossip.Blocks;

/// <summary>The end of a chain: how many blocks it holds and the header hash of the last one (empty when none),
/// published together so a reader never sees the height of one state with the hash of another.</summary>
public sealed record ChainTip(ulong Height, ReadOnlyMemory<byte> LastHeaderHash)
{
    /// <summary>The tip of an empty chain.</summary>
    public static ChainTip Empty { get; } = new(0, ReadOnlyMemory<byte>.Empty);
}
